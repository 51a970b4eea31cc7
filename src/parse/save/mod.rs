//! Everything a parse produces, kept beside the document (`parse --save`, `--page-markers`): what
//! the request must ask the API for (part of the result key: asking later is a new job), the
//! result kept whole in the store (`Kind::Full`), and the files written from it.

pub(crate) mod assets;
pub(crate) mod bundle;
pub(crate) mod contents;
pub(crate) mod files;
pub(crate) mod guard;
pub(crate) mod render;
pub(crate) mod windows;

use serde_json::{Map, Value, json};

use crate::domain::Saved;
use crate::error::Error;

/// What a run keeps beside each document, and how its document is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Saving {
    /// What `--save` asked for, each once, in a fixed order.
    pub(crate) what: Vec<Saved>,
    /// `--page-markers`.
    pub(crate) page_markers: bool,
}

/// The categories of image `images_to_save` takes, in the order a configuration lists them.
const IMAGE_CATEGORIES: [&str; 3] = ["embedded", "layout", "screenshot"];

impl Saving {
    pub(crate) fn new(what: &[Saved], page_markers: bool) -> Self {
        let mut what = what.to_vec();
        what.sort();
        what.dedup();
        Saving { what, page_markers }
    }

    pub(crate) fn has(&self, what: Saved) -> bool {
        self.what.contains(&what)
    }

    /// What is saved, as OUT's manifest records it with the files (`images,pages,page-markers`):
    /// a result written with other files is written again.
    pub(crate) fn label(&self) -> String {
        let mut names: Vec<String> = self
            .what
            .iter()
            .map(|what| format!("{what:?}").to_lowercase())
            .collect();
        if self.page_markers {
            names.push("page-markers".into());
        }
        names.join(",")
    }

    /// Whether the document is written from the whole result (`Kind::Full`) rather than from
    /// its markdown or text alone.
    pub(crate) fn full(&self) -> bool {
        !self.what.is_empty() || self.page_markers
    }

    /// `--save pages` alone: the page files are written, not the document's file.
    pub(crate) fn pages_only(&self) -> bool {
        self.what == [Saved::Pages]
    }

    /// The categories of image the API is asked to save.
    fn image_categories(&self) -> Vec<&'static str> {
        let mut categories = Vec::new();
        if self.has(Saved::Images) {
            categories.extend(["embedded", "layout"]);
        }
        if self.has(Saved::Screenshots) {
            categories.push("screenshot");
        }
        categories
    }

    /// Adds to `configuration` what the API must be asked for to produce what is saved: images
    /// (`output_options.images_to_save`, merged with any the options list, in one order so the
    /// key is the same however they were asked for), spreadsheets
    /// (`output_options.tables_as_spreadsheet.enable`). A configuration that already asks for
    /// them is left as it is (its key too).
    pub(crate) fn configure(&self, configuration: &mut Map<String, Value>) -> Result<(), Error> {
        let categories = self.image_categories();
        if categories.is_empty() && !self.has(Saved::Tables) {
            return Ok(());
        }
        let not_object = |key: &str| Error::usage(format!("--options: {key} must be a JSON object"));
        let options = configuration
            .entry("output_options")
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .ok_or_else(|| not_object("output_options"))?;
        if !categories.is_empty() {
            let mut listed: Vec<Value> = match options.get("images_to_save") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(listed)) => listed.clone(),
                Some(_) => {
                    return Err(Error::usage(
                        "--options: output_options.images_to_save must be a list",
                    ));
                }
            };
            let missing = categories
                .iter()
                .any(|category| !listed.iter().any(|v| v.as_str() == Some(category)));
            if missing {
                listed.extend(categories.iter().map(|category| json!(category)));
                let rank = |v: &Value| {
                    IMAGE_CATEGORIES
                        .iter()
                        .position(|c| v.as_str() == Some(c))
                        .unwrap_or(IMAGE_CATEGORIES.len())
                };
                listed.sort_by_key(rank);
                listed.dedup();
                options.insert("images_to_save".into(), Value::Array(listed));
            }
        }
        if self.has(Saved::Tables) {
            let tables = options
                .entry("tables_as_spreadsheet")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .ok_or_else(|| not_object("output_options.tables_as_spreadsheet"))?;
            if tables.get("enable") != Some(&json!(true)) {
                tables.insert("enable".into(), json!(true));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configured(saving: &Saving, configuration: Value) -> Value {
        let Value::Object(mut configuration) = configuration else {
            panic!()
        };
        saving.configure(&mut configuration).unwrap();
        Value::Object(configuration)
    }

    #[test]
    fn saving_asks_the_api_for_what_it_needs_in_one_order() {
        let all = Saving::new(&[Saved::Screenshots, Saved::Tables, Saved::Images], false);
        assert_eq!(
            configured(&all, json!({"tier": "agentic"})),
            json!({"tier": "agentic", "output_options": {
                "images_to_save": ["embedded", "layout", "screenshot"],
                "tables_as_spreadsheet": {"enable": true}}})
        );
        // Asked for in --options already, in another order: left as it was (the same key).
        let given = json!({"output_options": {"images_to_save": ["layout", "embedded"]}});
        let images = Saving::new(&[Saved::Images], false);
        assert_eq!(configured(&images, given.clone()), given);
        // Merged with what --options lists.
        assert_eq!(
            configured(
                &images,
                json!({"output_options": {"images_to_save": ["screenshot"]}})
            ),
            json!({"output_options": {"images_to_save": ["embedded", "layout", "screenshot"]}})
        );
        // What the API makes anyway asks for nothing.
        let plain = Saving::new(&[Saved::Items, Saved::Json, Saved::Pages], true);
        assert_eq!(
            configured(&plain, json!({"tier": "fast"})),
            json!({"tier": "fast"})
        );
        assert!(plain.full() && !plain.pages_only());
        assert!(Saving::new(&[Saved::Pages, Saved::Pages], false).pages_only());
        assert!(!Saving::default().full());
    }

    #[test]
    fn options_that_are_not_objects_are_refused() {
        let mut configuration = Map::new();
        configuration.insert("output_options".into(), json!([]));
        let err = Saving::new(&[Saved::Tables], false)
            .configure(&mut configuration)
            .unwrap_err();
        assert_eq!(err.to_string(), "--options: output_options must be a JSON object");
    }
}
