//! Document kinds: where a kind's files live, what they are named, which front-matter fields
//! and `##` sections they must have. Built-in kinds come from `defaults.toml`; a practice adds
//! or extends kinds in `book.toml` without recompiling.

use regex::Regex;
use serde::Serialize;

/// The type a front-matter field must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Date,
    Week,
    Month,
    Number,
    Integer,
    Bool,
    List,
    Enum,
    /// `name: {before, after}` pairs (optimization records).
    Metrics,
    /// `name: number` figures (reports).
    Figures,
    Map,
}

impl FieldType {
    pub const NAMES: &'static [&'static str] = &[
        "string", "date", "week", "month", "number", "integer", "bool", "list", "enum", "metrics",
        "figures", "map",
    ];

    pub fn parse(name: &str) -> Option<FieldType> {
        Some(match name {
            "string" => FieldType::String,
            "date" => FieldType::Date,
            "week" => FieldType::Week,
            "month" => FieldType::Month,
            "number" => FieldType::Number,
            "integer" => FieldType::Integer,
            "bool" => FieldType::Bool,
            "list" => FieldType::List,
            "enum" => FieldType::Enum,
            "metrics" => FieldType::Metrics,
            "figures" => FieldType::Figures,
            "map" => FieldType::Map,
            _ => return None,
        })
    }

    /// What a value of this type looks like, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            FieldType::String => "a string",
            FieldType::Date => "a date (YYYY-MM-DD)",
            FieldType::Week => "an ISO week (YYYY-Www)",
            FieldType::Month => "a month (YYYY-MM)",
            FieldType::Number => "a number",
            FieldType::Integer => "an integer",
            FieldType::Bool => "true or false",
            FieldType::List => "a list",
            FieldType::Enum => "one of its values",
            FieldType::Metrics => "a map of metrics, each `{ before: N, after: N }`",
            FieldType::Figures => "a map of metric figures, each `name: N`",
            FieldType::Map => "a map",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldSpec {
    pub name: String,
    pub ty: FieldType,
    pub required: bool,
    /// Allowed values of an `enum` field.
    pub values: Vec<String>,
}

/// A file-name pattern such as `{slug}-{date}.md`, compiled to an anchored regex.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    regex: Regex,
}

/// What a file name says about its document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameParts {
    pub slug: Option<String>,
    pub date: Option<String>,
    pub week: Option<String>,
    pub month: Option<String>,
}

impl NameParts {
    /// What must be unique within a kind, as far as the name says: the slug of a record, the
    /// period of a report (`2025-W49`).
    pub fn identity(&self) -> Option<String> {
        self.slug
            .clone()
            .or_else(|| self.week.clone())
            .or_else(|| self.month.clone())
            .or_else(|| self.date.clone())
    }
}

impl Pattern {
    pub const PLACEHOLDERS: &'static [&'static str] = &["slug", "date", "week", "month"];

    /// Compiles a pattern; the error names the placeholder that is not known.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let mut re = String::from("^");
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            re.push_str(&regex::escape(&rest[..open]));
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("`{{` without `}}` in pattern `{source}`"))?;
            let name = &rest[open + 1..open + close];
            re.push_str(match name {
                // Lazy, so that `{slug}-{date}` leaves the date to `{date}`.
                "slug" => r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)",
                "date" => r"(?P<date>\d{4}-\d{2}-\d{2})",
                "week" => r"(?P<week>\d{4}-W\d{2})",
                "month" => r"(?P<month>\d{4}-\d{2})",
                other => {
                    return Err(format!(
                        "unknown placeholder `{{{other}}}` in pattern `{source}`; use {}",
                        Pattern::PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            });
            rest = &rest[open + close + 1..];
        }
        re.push_str(&regex::escape(rest));
        re.push('$');
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.to_string(),
            regex,
        })
    }

    pub fn matches(&self, file_name: &str) -> Option<NameParts> {
        let caps = self.regex.captures(file_name)?;
        let get = |n: &str| caps.name(n).map(|m| m.as_str().to_string());
        Some(NameParts {
            slug: get("slug"),
            date: get("date"),
            week: get("week"),
            month: get("month"),
        })
    }

    /// Fills the placeholders to make a file name.
    pub fn render(&self, parts: &NameParts) -> String {
        let mut out = self.source.clone();
        for (key, value) in [
            ("{slug}", &parts.slug),
            ("{date}", &parts.date),
            ("{week}", &parts.week),
            ("{month}", &parts.month),
        ] {
            if let Some(v) = value {
                out = out.replace(key, v);
            }
        }
        out
    }

    pub fn has(&self, placeholder: &str) -> bool {
        self.source.contains(&format!("{{{placeholder}}}"))
    }
}

/// What a kind is for, which decides where its documents show and what reads them: a record
/// (before/after metrics, its own page, learnings, the review's before/after table) or a
/// report, periodic when it has a `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Record,
    Report,
}

impl Role {
    pub const NAMES: &'static [&'static str] = &["record", "report"];

    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "record" => Some(Role::Record),
            "report" => Some(Role::Report),
            _ => None,
        }
    }
}

/// The stretch of time one periodic report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    pub const NAMES: &'static [&'static str] = &["day", "week", "month"];

    pub fn parse(name: &str) -> Option<Period> {
        match name {
            "day" => Some(Period::Day),
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct KindDef {
    pub name: String,
    pub title: String,
    /// Folder relative to the practice root, `/`-separated, no trailing slash.
    pub folder: String,
    /// The pattern new files get; `aliases` are also accepted when reading.
    pub pattern: Pattern,
    pub aliases: Vec<Pattern>,
    /// Template file name under `scaffold/`.
    pub template: String,
    pub sections: Vec<String>,
    pub fields: Vec<FieldSpec>,
    pub role: Role,
    /// Set for periodic reports only.
    pub period: Option<Period>,
}

impl KindDef {
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Matches a file name against the pattern and then the aliases.
    pub fn match_name(&self, file_name: &str) -> Option<NameParts> {
        std::iter::once(&self.pattern)
            .chain(&self.aliases)
            .find_map(|p| p.matches(file_name))
    }

    pub fn is_record(&self) -> bool {
        self.role == Role::Record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_and_date_split_at_the_date() {
        let p = Pattern::new("{slug}-{date}.md").unwrap();
        let parts = p.matches("billing-stripe-batching-2025-12-04.md").unwrap();
        assert_eq!(parts.slug.as_deref(), Some("billing-stripe-batching"));
        assert_eq!(parts.date.as_deref(), Some("2025-12-04"));
        assert!(p.matches("Billing-2025-12-04.md").is_none());
        assert!(p.matches("billing-2025-12-4.md").is_none());
    }

    #[test]
    fn week_pattern_and_render() {
        let p = Pattern::new("weekly-{week}.md").unwrap();
        assert_eq!(
            p.matches("weekly-2025-W49.md").unwrap().week.as_deref(),
            Some("2025-W49")
        );
        let parts = NameParts {
            week: Some("2026-W01".into()),
            ..Default::default()
        };
        assert_eq!(p.render(&parts), "weekly-2026-W01.md");
    }

    #[test]
    fn unknown_placeholder_is_named() {
        let err = Pattern::new("{team}-{date}.md").unwrap_err();
        assert!(err.contains("{team}"), "{err}");
    }
}
