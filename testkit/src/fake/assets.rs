//! What a made job produces beside its pages, as its create's `output_options` ask, in the
//! API's shapes (`GET /api/v2/parse/{id}`, the OpenAPI document's `ImageMetadata`,
//! `StructuredResultPage`, `MetadataResultPage`, `ResultTypeMetadata`):
//!
//! - `images_to_save` (`embedded`, `layout`, `screenshot`): each page that did not fail has one
//!   image of each category asked for, listed in `images_content_metadata.images[]` as
//!   `{index, filename, category, content_type, size_bytes: null, presigned_url, bbox}`. The API
//!   documents `size_bytes` as deprecated and always null, and `ImageMetadata` has no page
//!   number, so neither does the fake: the page (its number in the whole document) is in the
//!   name. Names (the API documents none for v2; clients in the wild match `page_N.jpg` for
//!   screenshots): `page_{n}_image_1.png` (embedded), `page_{n}_layout_1.png` (layout),
//!   `page_{n}.jpg` (screenshot). `index` counts the job's images in that order, page by page.
//!   `bbox` `{x, y, w, h}` (points) for embedded and layout images, none for a screenshot.
//!   A page's markdown ends with `![Image on page n](page_{n}_image_1.png)` and
//!   `![Figure n](page_{n}_layout_1.png)` only when those categories are asked for.
//!   Bytes: a valid 1×1 PNG with a `tEXt` comment naming the image and its job; a screenshot is
//!   a recognisable fake JPEG (SOI, a COM segment naming it, EOI), not a decodable one. With
//!   `Config::image_kib` (the fake server's `--image-kib N`), every embedded and layout PNG is
//!   exactly N KiB: the same PNG with a private ancillary chunk (`fkPd`, which viewers skip) of
//!   bytes drawn from its comment, so each image is distinct, the same on every fetch, and
//!   does not compress (as real images do not).
//! - `expand=items`: `items.pages[]`, `{page_number, page_width: 612, page_height: 792,
//!   success: true, items}` (a failed page: `{page_number, error, success: false}`), the items
//!   read from the page's markdown: its heading, its first line of text, its table (rows,
//!   numbers as numbers, with `md`, `csv`, `html`), and a figure (`type: image`, `url` the
//!   layout crop's name), each with one `bbox`. Not on the fast tier, as the API.
//! - `tables_as_spreadsheet.enable`: `expand=xlsx_content_metadata` gives
//!   `result_content_metadata.xlsx` `{size_bytes, exists: true, presigned_url}`; its link serves
//!   a small valid xlsx (a stored zip), one sheet `Table_{k}` a table, in page order. Without
//!   the option: `{size_bytes: 0, exists: false}` and no link.
//! - `extract_printed_page_number`: each page of `expand=metadata` carries
//!   `printed_page_number`: `i`, `ii` for the first two pages of the document (front matter),
//!   then `1`, `2`, … (page 3 prints 1).

use std::io::Write as _;

use serde_json::{Value, json};

use super::Answer;

/// A page: its number and markdown, or the number of a page that failed.
type Page = Result<(usize, String), usize>;

/// Width and height of every page, in points (US Letter).
const PAGE_SIZE: (u32, u32) = (612, 792);
/// Pages of front matter, printed in roman numerals.
const FRONT_MATTER: usize = 2;
/// Where the figure of each page is, in points: its crop and its embedded image.
const FIGURE_BOX: (u32, u32, u32, u32) = (72, 400, 240, 180);

/// What a create's `output_options` ask for beside the pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Outputs {
    pub embedded: bool,
    pub layout: bool,
    pub screenshot: bool,
    /// `tables_as_spreadsheet.enable`.
    pub spreadsheet: bool,
    /// `extract_printed_page_number`.
    pub printed_page_number: bool,
}

impl Outputs {
    /// The outputs `config` asks for, or the API's 422 for an `images_to_save` value it does
    /// not take.
    pub fn read(config: &Value) -> Result<Outputs, Answer> {
        let options = config.get("output_options").unwrap_or(&Value::Null);
        let mut outputs = Outputs {
            spreadsheet: options
                .pointer("/tables_as_spreadsheet/enable")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            printed_page_number: options
                .get("extract_printed_page_number")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ..Outputs::default()
        };
        let refuse = |at: usize| {
            Answer::json(
                422,
                &json!({"detail": [{"type": "literal_error",
                    "loc": ["body", "configuration", "output_options", "images_to_save", at],
                    "msg": "Input should be 'screenshot', 'embedded' or 'layout'"}]}),
            )
        };
        match options.get("images_to_save") {
            None | Some(Value::Null) => {}
            Some(Value::Array(categories)) => {
                for (at, category) in categories.iter().enumerate() {
                    match category.as_str() {
                        Some("embedded") => outputs.embedded = true,
                        Some("layout") => outputs.layout = true,
                        Some("screenshot") => outputs.screenshot = true,
                        _ => return Err(refuse(at)),
                    }
                }
            }
            Some(_) => {
                return Err(Answer::json(
                    422,
                    &json!({"detail": [{"type": "list_type",
                        "loc": ["body", "configuration", "output_options", "images_to_save"],
                        "msg": "Input should be a valid list"}]}),
                ));
            }
        }
        Ok(outputs)
    }
}

/// One image a made job saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Image {
    pub filename: String,
    pub category: &'static str,
    /// Its page's number in the whole document.
    pub page: usize,
}

impl Image {
    pub fn content_type(&self) -> &'static str {
        if self.filename.ends_with(".jpg") {
            "image/jpeg"
        } else {
            "image/png"
        }
    }

    /// The bytes its link serves, naming it and its job: an embedded or layout image padded
    /// to exactly `image_kib` KiB when that is not 0.
    pub fn bytes(&self, job_id: &str, image_kib: usize) -> Vec<u8> {
        let comment = format!(
            "fake {} image {} of page {} of job {job_id}",
            self.category, self.filename, self.page
        );
        if self.category == "screenshot" {
            fake_jpeg(&comment)
        } else {
            png_of_size(&comment, image_kib << 10)
        }
    }

    /// Its entry in `images_content_metadata.images`, with `link` as its presigned URL.
    pub fn metadata(&self, index: usize, link: String) -> Value {
        let mut entry = json!({
            "index": index,
            "filename": self.filename,
            "category": self.category,
            "content_type": self.content_type(),
            "size_bytes": null,
            "presigned_url": link,
        });
        if self.category != "screenshot" {
            let (x, y, w, h) = FIGURE_BOX;
            entry["bbox"] = json!({"x": x, "y": y, "w": w, "h": h});
        }
        entry
    }
}

fn embedded_name(page: usize) -> String {
    format!("page_{page}_image_1.png")
}

fn layout_name(page: usize) -> String {
    format!("page_{page}_layout_1.png")
}

/// The images of a job over `pages` that saved `outputs`, in extraction order (`index`).
pub(super) fn images(outputs: &Outputs, pages: &[Page]) -> Vec<Image> {
    let mut images = Vec::new();
    for (page, _) in pages.iter().filter_map(|p| p.as_ref().ok()) {
        let page = *page;
        let mut add = |asked: bool, category, filename| {
            if asked {
                images.push(Image {
                    filename,
                    category,
                    page,
                });
            }
        };
        add(outputs.embedded, "embedded", embedded_name(page));
        add(outputs.layout, "layout", layout_name(page));
        add(outputs.screenshot, "screenshot", format!("page_{page}.jpg"));
    }
    images
}

/// Each page's markdown with references to its embedded and layout images, when saved.
pub(super) fn add_references(outputs: &Outputs, pages: &mut [Page]) {
    for (n, markdown) in pages.iter_mut().filter_map(|p| p.as_mut().ok()) {
        if outputs.embedded {
            markdown.push_str(&format!("\n\n![Image on page {n}]({})", embedded_name(*n)));
        }
        if outputs.layout {
            markdown.push_str(&format!("\n\n![Figure {n}]({})", layout_name(*n)));
        }
    }
}

/// The label printed on page `n` of a document: roman numerals for its front matter, then
/// arabic numerals from 1.
pub fn printed_label(n: usize) -> String {
    if n > FRONT_MATTER {
        return (n - FRONT_MATTER).to_string();
    }
    let mut rest = n;
    let mut label = String::new();
    for (value, numeral) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while rest >= value {
            label.push_str(numeral);
            rest -= value;
        }
    }
    label
}

/// A table of a page's markdown: its rows (numbers as numbers) and its markdown lines.
struct Table {
    rows: Vec<Vec<Value>>,
    md: String,
}

/// The first table of `markdown` (lines starting with `|`; the `|---|` line is not a row).
fn first_table(markdown: &str) -> Option<Table> {
    let lines: Vec<&str> = markdown
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let rows = lines
        .iter()
        .filter(|line| !line.trim_matches(|c| c == '|' || c == '-' || c == ' ').is_empty())
        .map(|line| {
            line.trim()
                .trim_matches('|')
                .split('|')
                .map(|cell| {
                    let cell = cell.trim();
                    cell.parse::<u64>().map_or_else(|_| json!(cell), |n| json!(n))
                })
                .collect()
        })
        .collect();
    Some(Table {
        rows,
        md: lines.join("\n"),
    })
}

fn cell_text(cell: &Value) -> String {
    match cell {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn bbox(x: u32, y: u32, w: u32, h: u32) -> Value {
    json!([{"x": x, "y": y, "w": w, "h": h}])
}

/// `items.pages[]`: the structured pages, read from their markdown.
pub(super) fn items(pages: &[Page]) -> Value {
    let pages: Vec<Value> = pages
        .iter()
        .map(|page| match page {
            Ok((n, markdown)) => structured_page(*n, markdown),
            Err(n) => {
                json!({"page_number": n, "error": "Page could not be parsed: OCR timeout", "success": false})
            }
        })
        .collect();
    json!({ "pages": pages })
}

fn structured_page(n: usize, markdown: &str) -> Value {
    let mut items = Vec::new();
    if let Some(line) = markdown.lines().find(|line| line.starts_with('#')) {
        let level = line.bytes().take_while(|&b| b == b'#').count();
        items.push(json!({"type": "heading", "level": level, "md": line,
            "value": line[level..].trim(), "bbox": bbox(72, 72, 468, 24)}));
    }
    if let Some(line) = markdown.lines().find(|line| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with(['#', '|', '!'])
    }) {
        items.push(json!({"type": "text", "md": line, "value": line.trim(), "bbox": bbox(72, 110, 468, 14)}));
    }
    if let Some(table) = first_table(markdown) {
        let csv: Vec<String> = table
            .rows
            .iter()
            .map(|row| row.iter().map(cell_text).collect::<Vec<_>>().join(","))
            .collect();
        let html: String = table
            .rows
            .iter()
            .map(|row| {
                let cells: String = row.iter().map(|c| format!("<td>{}</td>", cell_text(c))).collect();
                format!("<tr>{cells}</tr>")
            })
            .collect();
        items.push(
            json!({"type": "table", "md": table.md, "rows": table.rows, "csv": csv.join("\n"),
            "html": format!("<table>{html}</table>"), "bbox": bbox(72, 140, 300, 60)}),
        );
    }
    let (x, y, w, h) = FIGURE_BOX;
    items.push(
        json!({"type": "image", "md": format!("![Figure {n}]({})", layout_name(n)),
        "url": layout_name(n), "caption": format!("Figure {n}"), "bbox": bbox(x, y, w, h)}),
    );
    json!({"page_number": n, "page_width": PAGE_SIZE.0, "page_height": PAGE_SIZE.1, "success": true, "items": items})
}

/// The tables of `pages` as a small xlsx workbook: a sheet `Table_{k}` a table, in page order
/// (one empty sheet when there is none).
pub(super) fn xlsx(pages: &[Page]) -> Vec<u8> {
    let tables: Vec<Table> = pages
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter_map(|(_, markdown)| first_table(markdown))
        .collect();
    let sheets = tables.len().max(1);
    let mut files: Vec<(String, String)> = Vec::new();
    let overrides: String = (1..=sheets)
        .map(|k| format!("<Override PartName=\"/xl/worksheets/sheet{k}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        .collect();
    files.push((
        "[Content_Types].xml".into(),
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>"),
    ));
    files.push((
        "_rels/.rels".into(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into(),
    ));
    let sheet_list: String = (1..=sheets)
        .map(|k| format!("<sheet name=\"Table_{k}\" sheetId=\"{k}\" r:id=\"rId{k}\"/>"))
        .collect();
    files.push((
        "xl/workbook.xml".into(),
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheet_list}</sheets></workbook>"),
    ));
    let relations: String = (1..=sheets)
        .map(|k| format!("<Relationship Id=\"rId{k}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{k}.xml\"/>"))
        .collect();
    files.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relations}</Relationships>"),
    ));
    for k in 1..=sheets {
        let rows: String = tables
            .get(k - 1)
            .map(|table| {
                table
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| {
                        let cells: String = row
                            .iter()
                            .enumerate()
                            .map(|(c, cell)| {
                                let at = format!("{}{}", column(c), r + 1);
                                match cell {
                                    Value::Number(n) => format!("<c r=\"{at}\"><v>{n}</v></c>"),
                                    other => format!(
                                        "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                                        escape(&cell_text(other))
                                    ),
                                }
                            })
                            .collect();
                        format!("<row r=\"{}\">{cells}</row>", r + 1)
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.push((
            format!("xl/worksheets/sheet{k}.xml"),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"),
        ));
    }
    stored_zip(&files)
}

/// The spreadsheet column letters of column `index` (0: A).
fn column(index: usize) -> String {
    let mut index = index + 1;
    let mut letters = Vec::new();
    while index > 0 {
        let rest = (index - 1) % 26;
        letters.push(b'A' + rest as u8);
        index = (index - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// A zip archive of `files`, stored (not compressed), dated 1980-01-01 so it is the same on
/// every run.
fn stored_zip(files: &[(String, String)]) -> Vec<u8> {
    const DOS_DATE: u16 = 0x21;
    let mut zip = Vec::new();
    let mut central = Vec::new();
    for (name, text) in files {
        let (name, data) = (name.as_bytes(), text.as_bytes());
        let crc = crc32(data);
        let offset = zip.len() as u32;
        let size = data.len() as u32;
        let header = |buffer: &mut Vec<u8>, central_entry: bool| {
            if central_entry {
                buffer.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
                buffer.extend_from_slice(&20u16.to_le_bytes());
            } else {
                buffer.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            }
            for field in [20u16, 0, 0, 0, DOS_DATE] {
                buffer.extend_from_slice(&field.to_le_bytes());
            }
            for field in [crc, size, size] {
                buffer.extend_from_slice(&field.to_le_bytes());
            }
            buffer.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buffer.extend_from_slice(&0u16.to_le_bytes());
            if central_entry {
                // Comment length, disk, internal and external attributes, the entry's offset.
                buffer.extend_from_slice(&[0; 6]);
                buffer.extend_from_slice(&0u32.to_le_bytes());
                buffer.extend_from_slice(&offset.to_le_bytes());
            }
            buffer.extend_from_slice(name);
        };
        header(&mut zip, false);
        zip.extend_from_slice(data);
        header(&mut central, true);
    }
    let central_at = zip.len() as u32;
    let count = files.len() as u16;
    zip.extend_from_slice(&central);
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for field in [0u16, 0, count, count] {
        zip.extend_from_slice(&field.to_le_bytes());
    }
    zip.extend_from_slice(&(central.len() as u32).to_le_bytes());
    zip.extend_from_slice(&central_at.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

/// The type of the chunk that pads a PNG to a size: ancillary (lowercase first letter: a
/// decoder that does not know it skips it), private (lowercase second), safe to copy.
pub const PADDING_CHUNK: &[u8; 4] = b"fkPd";

/// A valid 1×1 PNG whose `tEXt` chunk carries `comment`, padded to exactly `size` bytes with
/// a `PADDING_CHUNK` (between the `tEXt` and `IDAT` chunks) of bytes drawn from `comment`;
/// unpadded when `size` leaves no room for one (0, or under some 200 bytes). Built in one
/// buffer of `size` bytes.
pub fn png_of_size(comment: &str, size: usize) -> Vec<u8> {
    /// Appends a chunk: its length, its type and `data`, and the CRC of type and data.
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: impl FnOnce(&mut Vec<u8>)) {
        let at = png.len();
        png.extend_from_slice(&[0; 4]);
        png.extend_from_slice(kind);
        data(png);
        let length = (png.len() - at - 8) as u32;
        png[at..at + 4].copy_from_slice(&length.to_be_bytes());
        let crc = crc32(&png[at + 4..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    /// Length, type and CRC: what a chunk adds to its data.
    const CHUNK: usize = 12;
    let text = format!("Comment\0{comment}");
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // One row: filter type 0, then one orange pixel.
    let _ = encoder.write_all(&[0, 0xf0, 0x80, 0x20]);
    let pixels = encoder.finish().unwrap_or_default();
    let plain = SIGNATURE.len() + (CHUNK + 13) + (CHUNK + text.len()) + (CHUNK + pixels.len()) + CHUNK;
    let padding = size.checked_sub(plain + CHUNK);
    let mut png = Vec::with_capacity(padding.map_or(plain, |_| size));
    png.extend_from_slice(SIGNATURE);
    // 1×1, 8 bits a sample, RGB, no interlace.
    chunk(&mut png, b"IHDR", |png| {
        png.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    });
    chunk(&mut png, b"tEXt", |png| png.extend_from_slice(text.as_bytes()));
    if let Some(padding) = padding {
        chunk(&mut png, PADDING_CHUNK, |png| {
            // xorshift64, seeded with the comment's FNV-1a hash: bytes that differ from image
            // to image, the same on every fetch, and that no compression shrinks.
            let mut state = comment.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            }) | 1;
            let end = png.len() + padding;
            while png.len() < end {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let take = (end - png.len()).min(8);
                png.extend_from_slice(&state.to_le_bytes()[..take]);
            }
        });
    }
    chunk(&mut png, b"IDAT", |png| png.extend_from_slice(&pixels));
    chunk(&mut png, b"IEND", |_| {});
    png
}

/// Bytes that start and end as a JPEG does (SOI, a COM segment carrying `comment`, EOI): a
/// recognisable stand-in, not an image a viewer decodes.
pub fn fake_jpeg(comment: &str) -> Vec<u8> {
    let mut jpeg = vec![0xff, 0xd8, 0xff, 0xfe];
    jpeg.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(comment.as_bytes());
    jpeg.extend_from_slice(&[0xff, 0xd9]);
    jpeg
}
