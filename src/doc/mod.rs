//! A document of the practice: its text, its front matter as a spanned YAML tree, its Markdown
//! outline, and the kind it is. Loaded once by `Practice` and shared by every command.

mod front_matter;
pub mod lifecycle;
pub mod markdown;
mod metrics;
pub mod period;
mod plain_yaml;
pub mod sla;
pub mod yaml;

use std::ops::Range;
use std::sync::OnceLock;

pub use front_matter::{FrontMatter, Split, YamlError, parse_general, parse_yaml, split};
pub use markdown::{Outline, Section};
pub use metrics::{Figure, MetricEntry};
pub use plain_yaml::parse as parse_plain_yaml;
use yaml::Node;

use crate::config::NameParts;
use crate::diagnostic::LineIndex;
use crate::diagnostic::Location;

#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to the practice root, `/`-separated.
    pub path: String,
    pub text: String,
    /// Where the lines start, built on the first finding: most documents have none, and a
    /// build never asks.
    lines: OnceLock<LineIndex>,
    pub front: FrontMatter,
    pub body_start: usize,
    pub outline: Outline,
    /// The kind's name, or `None` for a free page (or a document whose kind is unknown).
    pub kind: Option<String>,
    /// What the file name says (slug, date, week, month) when it matches its kind's pattern.
    pub name_parts: Option<NameParts>,
    /// The `date` field, read once: lists and the duplicate rule sort by it.
    date: Option<jiff::civil::Date>,
}

impl Doc {
    /// Parses a document's text. Its kind is settled later by the practice, which knows the
    /// configuration.
    pub fn parse(path: impl Into<String>, text: String) -> Doc {
        let Split { front, body_start } = split(&text);
        let outline = Outline::parse(&text, body_start);
        let date = match &front {
            FrontMatter::Parsed { root, .. } => root.get("date").and_then(Node::as_str),
            _ => None,
        }
        .and_then(|d| d.parse().ok());
        Doc {
            path: path.into(),
            lines: OnceLock::new(),
            text,
            front,
            body_start,
            outline,
            kind: None,
            name_parts: None,
            date,
        }
    }

    pub fn root(&self) -> Option<&Node> {
        match &self.front {
            FrontMatter::Parsed { root, .. } => Some(root),
            _ => None,
        }
    }

    pub fn field(&self, key: &str) -> Option<&Node> {
        self.root()?.get(key)
    }

    pub fn str_field(&self, key: &str) -> Option<&str> {
        self.field(key)?.as_str()
    }

    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    pub fn stem(&self) -> &str {
        let name = self.file_name();
        name.strip_suffix(".md").unwrap_or(name)
    }

    /// The title from front matter, else the first heading, else the file name.
    pub fn title(&self) -> String {
        if let Some(t) = self.str_field("title").filter(|t| !t.trim().is_empty()) {
            return t.trim().to_string();
        }
        if let Some(h) = self.outline.headings.first() {
            return h.text.clone();
        }
        self.stem().to_string()
    }

    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    pub fn status(&self) -> Option<&str> {
        self.str_field("status")
    }

    pub fn owner(&self) -> Option<&str> {
        self.str_field("owner")
    }

    pub fn tags(&self) -> Vec<String> {
        match self.field("tags").map(|n| &n.value) {
            Some(yaml::Value::Seq(items)) => items.iter().map(|n| n.display()).collect(),
            Some(yaml::Value::Str(s)) => s.split(',').map(|t| t.trim().to_string()).collect(),
            _ => Vec::new(),
        }
    }

    /// The identity that must be unique within a kind: the slug of a record, the period of a
    /// report (`2025-W49`), else the file stem.
    pub fn identity(&self) -> String {
        self.name_parts
            .as_ref()
            .and_then(NameParts::identity)
            .unwrap_or_else(|| self.stem().to_string())
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The text of a `##` section, if the document has it.
    pub fn section_text(&self, title: &str) -> Option<&str> {
        self.outline
            .section(title)
            .map(|s| &self.text[s.body.clone()])
    }

    pub fn locate(&self, span: Range<usize>) -> Location {
        let lines = self.lines.get_or_init(|| LineIndex::new(&self.text));
        Location::resolve(&self.text, lines, span.start, span.end)
    }
}

impl Doc {
    /// Where a missing field is reported: the closing `---` of the front matter, so the caret
    /// shows where to add it.
    pub fn front_end_span(&self) -> Range<usize> {
        match &self.front {
            FrontMatter::Parsed { block, .. } | FrontMatter::Invalid { block, .. } => {
                block.end..block.end
            }
            _ => 0..0,
        }
    }
}
