use super::*;
use crate::output::document::Writer;
use serde_json::json;

#[test]
fn page_markers_say_the_page_and_cannot_leave_their_comment() {
    assert_eq!(page_marker("7", None), "<!-- page 7 -->");
    assert_eq!(page_marker("7", Some("vii")), "<!-- page 7 (vii) -->");
    assert_eq!(page_marker("", Some("")), "<!-- page ? -->");
    let hostile = page_marker("1 -->x", Some("a\n<!--b--->\u{2028}"));
    assert_eq!(
        hostile,
        "<!-- page 1 - -&gt;x (a\\n&lt;!- -b- - -&gt;\\u{2028}) -->"
    );
    let inside = &hostile["<!--".len()..hostile.len() - "-->".len()];
    assert!(!inside.contains("--") && !inside.contains('>') && !inside.contains('\n'));
    let contents = Contents {
        pages: vec!["1".into(), "?".into(), "3".into()],
        printed: HashMap::from([("3".into(), "1".into())]),
        ..Contents::default()
    };
    assert_eq!(
        page_markers(&contents),
        ["<!-- page 1 -->", "<!-- page ? -->", "<!-- page 3 (1) -->"]
    );
    assert_eq!((width(0), width(9999), width(12_345)), (4, 4, 5));
}

/// Every markdown destination the map has is rewritten, whatever the chunks the text comes
/// in; everything else is unchanged.
#[test]
fn links_are_rewritten_across_any_chunk_boundary() {
    let map = HashMap::from([
        ("p1.png".to_string(), "r.assets/images/p1.png".to_string()),
        ("a b.png".to_string(), "my docs/a (1).png".to_string()),
        ("f(1).png".to_string(), "x.png".to_string()),
    ]);
    let text = "# T\n![Image](p1.png) [l](p1.png \"t\") ![x](<a b.png>) ![p](a%20b.png) \
        ![n](f(1).png) ![k](p1.png\n) ![o](other.png) ](p1.png x) ]] (p1.png) ![e]() ![u](p1.png";
    let expected = "# T\n![Image](r.assets/images/p1.png) [l](r.assets/images/p1.png \"t\") \
        ![x](<my%20docs/a%20%281%29.png>) ![p](my%20docs/a%20%281%29.png) ![n](x.png) \
        ![k](p1.png\n) ![o](other.png) ](p1.png x) ]] (p1.png) ![e]() ![u](p1.png";
    let rewrite = |chunks: &[&[u8]]| {
        let mut out = Vec::new();
        let mut links = Links::new(Arc::new(map.clone()));
        for chunk in chunks {
            links.write(chunk, &mut out).unwrap();
        }
        links.end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let bytes = text.as_bytes();
    assert_eq!(rewrite(&[bytes]), expected);
    for at in 0..=bytes.len() {
        assert_eq!(rewrite(&[&bytes[..at], &bytes[at..]]), expected, "cut at {at}");
    }
    let single: Vec<&[u8]> = bytes.chunks(1).collect();
    assert_eq!(rewrite(&single), expected);
    // An unclosed destination is held back only so far, then written as it came.
    let long = format!("![a]({}", "x".repeat(5000));
    let mut out = Vec::new();
    Links::new(Arc::new(map.clone()))
        .write(long.as_bytes(), &mut out)
        .unwrap();
    assert_eq!(out, long.as_bytes());
}

#[test]
fn a_writer_with_markers_and_links_across_responses() {
    let map = HashMap::from([("i.png".to_string(), "assets/i.png".to_string())]);
    let first = json!({"markdown": {"pages": [
        {"page_number": 1, "markdown": "one ![](i.png)"},
        {"page_number": 2, "success": false, "error": "OCR ](i.png)"}]}});
    let second = json!({"markdown": {"pages": [{"page_number": 3, "markdown": ""}]}});
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out, false);
    writer.links(map.clone());
    writer.markers(["<!-- page 1 -->".to_string(), "<!-- page 2 -->".into()]);
    let markdown = Part::Markdown;
    writer.response(first.to_string().as_bytes(), markdown).unwrap();
    writer.markers(["<!-- page 3 (i) -->".to_string()]);
    writer.response(second.to_string().as_bytes(), markdown).unwrap();
    // No markers left: no marker.
    let whole = json!({"markdown_full": "all"}).to_string();
    writer.response(whole.as_bytes(), markdown).unwrap();
    writer.finish().unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<!-- page 1 -->\none ![](assets/i.png)\n\n\
         <!-- page 2 -->\n[llamacloud: page 2 failed: OCR ](i.png)]\n\n\
         <!-- page 3 (i) -->\n\n\nall\n"
    );
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let read = |path: &std::path::PathBuf| fs::read_to_string(path).unwrap();
    files
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into(), read(p)))
        .collect()
}

#[test]
fn each_page_goes_to_a_file_of_its_own() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("pages");
    let body = json!({"markdown": {"pages": [
        {"page_number": 1, "markdown": "# One ![x](i.png)"},
        {"page_number": 2, "success": false, "error": "OCR timeout"},
        {"markdown": "no number\n"},
        {"page_number": 12, "markdown": ""},
    ]}})
    .to_string();
    let contents = crate::parse::save::contents::read(body.as_bytes(), Part::Markdown).unwrap();
    let map = HashMap::from([("i.png".to_string(), "../images/i.png".to_string())]);
    let map = Arc::new(map);
    let (pages, map) = (&contents.pages, Some(&map));
    let written = write_pages(body.as_bytes(), Part::Markdown, pages, &dir, 4, map).unwrap();
    let files = [
        ("page-0001.md", "# One ![x](../images/i.png)\n"),
        ("page-0002.md", "[llamacloud: page 2 failed: OCR timeout]\n"),
        ("page-0012.md", "\n"),
        ("page-unnumbered-3.md", "no number\n"),
    ];
    assert_eq!(read_dir(&dir), files.map(|(n, t)| (n.to_string(), t.to_string())));
    let mut listed = written.clone();
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    for (file, (name, text)) in listed.iter().zip(files) {
        assert_eq!(file.name, name);
        assert_eq!(file.bytes, text.len() as u64);
        assert_eq!(file.hash, blake3::hash(text.as_bytes()).to_hex().to_string());
    }
    assert_eq!(written[0].name, "page-0001.md", "in the result's order");
    // Text pages are .txt; a width wider than 4 pads more.
    let text = json!({"text": {"pages": [{"page_number": 3, "text": "t"}]}}).to_string();
    let written = write_pages(text.as_bytes(), Part::Text, &["3".into()], &dir, 5, None).unwrap();
    assert_eq!(written[0].name, "page-00003.txt");
}

#[test]
fn pages_that_cannot_be_told_apart_are_refused_before_writing() {
    let temp = tempfile::tempdir().unwrap();
    let body = json!({"markdown": {"pages": [
        {"page_number": 7, "markdown": "a"}, {"page_number": "007", "markdown": "b"}]}})
    .to_string();
    let pages = ["7".to_string(), "007".to_string()];
    let err = write_pages(body.as_bytes(), Part::Markdown, &pages, temp.path(), 4, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "page 007 comes twice in the result: its page files would overwrite each other"
    );
    let whole = json!({"markdown_full": "all"}).to_string();
    let err = write_pages(whole.as_bytes(), Part::Markdown, &[], temp.path(), 4, None).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("no pages, only the whole document"), "{message}");
    assert_eq!(read_dir(temp.path()), []);
}

#[test]
fn names_from_the_api_are_safe_everywhere_and_unique() {
    for (given, safe) in [
        ("image_0.png", "image_0.png"),
        ("../../etc/passwd", "passwd"),
        ("C:\\dir\\ä b?.jpg", "__b_.jpg"),
        (".hidden", "_.hidden"),
        ("con", "_con"),
        ("CoM7.tar.gz", "_CoM7.tar.gz"),
        ("LPT0.png", "LPT0.png"),
        ("name.", "name_"),
        ("dir/", "unnamed"),
        ("", "unnamed"),
    ] {
        assert_eq!(safe_name(given), safe, "{given}");
    }
    let long = format!("{}.png", "x".repeat(300));
    assert_eq!(safe_name(&long), format!("{}.png", "x".repeat(116)));
    assert_eq!(safe_name(&"y".repeat(300)).len(), 120);
    let names = unique(["a.png", "b/a.png", "A.PNG", "a-2.png", "x", "x", &long, &long]);
    let (cut, cut_2) = (
        format!("{}.png", "x".repeat(116)),
        format!("{}-2.png", "x".repeat(114)),
    );
    let expected = ["a.png", "a-3.png", "A-4.PNG", "a-2.png", "x", "x-2", &cut, &cut_2];
    assert_eq!(names, expected);
}

#[test]
fn odd_names_from_the_api_stay_in_their_directory_and_apart() {
    for (given, safe) in [
        ("../x.png", "x.png"),
        ("..", "_._"),
        (".", "__"),
        ("CON.png", "_CON.png"),
        ("nul", "_nul"),
        ("a b.png", "a_b.png"),
        ("a\nb.png", "a_b.png"),
        ("图片.png", "__.png"),
    ] {
        assert_eq!(safe_name(given), safe, "{given:?}");
    }
    // Told apart when they would meet: made the same, or the same but for case.
    assert_eq!(
        unique(["a b.png", "a_b.png", "Page.png", "page.png", "../page.PNG"]),
        ["a_b.png", "a_b-2.png", "Page.png", "page-2.png", "page-3.PNG"]
    );
    let long = format!("{}.png", "é".repeat(200));
    assert!(
        unique([long.as_str(), long.as_str()])
            .iter()
            .all(|n| n.len() <= 120)
    );
}
