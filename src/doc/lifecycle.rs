//! An optimization record's lifecycle as data: when the problem started, was detected, had its
//! root cause found and its fix deployed (workflow steps 1–6), and the options considered with
//! the one chosen (step 4). Read here once, with the spans the checker points at, so the SLA
//! rule, the estimate comparison and any page or summary share one reading.

use std::ops::Range;

use jiff::civil::DateTime;

use super::Doc;
use super::yaml::{Node, Value};

/// The stages of the lifecycle in the order they happen, as written in `lifecycle:`.
pub const STAGES: &[&str] = &["started", "detected", "root_cause", "deployed"];

/// The other keys `lifecycle:` may hold: how the fix can be switched off again.
pub const FACTS: &[&str] = &["feature_flag", "rollback"];

/// The keys each entry of `options:` may hold.
pub const OPTION_KEYS: &[&str] = &["summary", "estimate_pct", "risk", "effort_hours", "metric"];

/// The risks an option may carry.
pub const RISKS: &[&str] = &["low", "medium", "high"];

/// How a time is written, for messages.
pub const TIME_FORMAT: &str = "YYYY-MM-DD HH:MM (or a bare YYYY-MM-DD, read as 00:00)";

/// Whether a document is a record (a kind with the record role, such as `optimization`): the
/// documents that carry a lifecycle. The one place that decides it.
pub fn applies(config: &crate::config::Config, doc: &Doc) -> bool {
    doc.kind
        .as_deref()
        .and_then(|k| config.kind(k))
        .is_some_and(|k| k.role == crate::config::Role::Record)
}

/// One stage that has a time.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub at: DateTime,
    pub span: Range<usize>,
}

/// One option of step 4.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub id_span: Range<usize>,
    pub summary: Option<String>,
    pub estimate_pct: Option<f64>,
    pub effort_hours: Option<f64>,
    /// The metric the estimate is about; the record's first metric when not named.
    pub metric: Option<String>,
}

/// A problem in the lifecycle data, with where it is.
#[derive(Debug, Clone)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// What a record says about its lifecycle. Records need only what is known so far.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    /// The stages that have a valid time, in stage order.
    pub stages: Vec<Stage>,
    pub options: Vec<Choice>,
    pub chosen: Option<(String, Range<usize>)>,
    pub problems: Vec<Problem>,
}

impl Lifecycle {
    pub fn read(doc: &Doc) -> Lifecycle {
        let mut out = Lifecycle::default();
        if let Some(node) = doc.field("lifecycle") {
            out.read_stages(node);
        }
        if let Some(node) = doc.field("options") {
            out.read_options(node);
        }
        if let Some(node) = doc.field("chosen") {
            match node.value {
                Value::Null => {}
                _ => out.chosen = Some((node.display(), node.span.clone())),
            }
        }
        out
    }

    pub fn time(&self, stage: &str) -> Option<DateTime> {
        self.stages.iter().find(|s| s.name == stage).map(|s| s.at)
    }

    pub fn stage(&self, stage: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.name == stage)
    }

    /// The option the record goes with: the chosen one, else the only one considered.
    pub fn plan(&self) -> Option<&Choice> {
        self.chosen_option().or(match self.options.as_slice() {
            [only] => Some(only),
            _ => None,
        })
    }

    /// The chosen option, when it is one of the options.
    pub fn chosen_option(&self) -> Option<&Choice> {
        let (id, _) = self.chosen.as_ref()?;
        self.options.iter().find(|o| &o.id == id)
    }

    fn problem(&mut self, span: Range<usize>, message: String, hint: impl Into<String>) {
        self.problems.push(Problem {
            span,
            message,
            hint: hint.into(),
        });
    }

    fn read_stages(&mut self, node: &Node) {
        let Some(entries) = node.entries() else {
            if node.value != Value::Null {
                self.problem(
                    node.span.clone(),
                    "`lifecycle` should be a map of stage times".into(),
                    format!(
                        "write `lifecycle:` with {} on lines below it",
                        STAGES.join(", ")
                    ),
                );
            }
            return;
        };
        for entry in entries {
            let v = &entry.value;
            if let Some(name) = STAGES.iter().find(|s| **s == entry.key) {
                if v.value == Value::Null {
                    continue; // not known yet
                }
                match v.as_str().and_then(parse_time) {
                    Some(at) => self.stages.push(Stage {
                        name,
                        at,
                        span: v.span.clone(),
                    }),
                    None => self.problem(
                        v.span.clone(),
                        format!("`lifecycle.{}: {}` is not a time", entry.key, v.display()),
                        format!("write {TIME_FORMAT}, e.g. `2025-12-03 14:10`"),
                    ),
                }
            } else if FACTS.contains(&entry.key.as_str()) {
                if !matches!(v.value, Value::Str(_) | Value::Null) {
                    self.problem(
                        v.span.clone(),
                        format!("`lifecycle.{}` should be text", entry.key),
                        "name the flag, or say how the fix is rolled back",
                    );
                }
            } else {
                self.problem(
                    entry.key_span.clone(),
                    format!("`{}` is not a lifecycle key", entry.key),
                    format!(
                        "use the stages {} and the facts {}",
                        STAGES.join(", "),
                        FACTS.join(", ")
                    ),
                );
            }
        }
        self.stages
            .sort_by_key(|s| STAGES.iter().position(|n| *n == s.name));
    }

    fn read_options(&mut self, node: &Node) {
        let Some(entries) = node.entries() else {
            if node.value != Value::Null {
                self.problem(
                    node.span.clone(),
                    "`options` should be a map of the options considered".into(),
                    "write `options:` with one `A: { summary: …, estimate_pct: 60, risk: low, effort_hours: 2.5 }` per line",
                );
            }
            return;
        };
        for entry in entries {
            let v = &entry.value;
            let mut choice = Choice {
                id: entry.key.clone(),
                id_span: entry.key_span.clone(),
                summary: None,
                estimate_pct: None,
                effort_hours: None,
                metric: None,
            };
            let Some(fields) = v.entries() else {
                self.problem(
                    v.span.clone(),
                    format!("option `{}` should be a map", entry.key),
                    "write `{ summary: …, estimate_pct: 60, risk: low, effort_hours: 2.5 }`",
                );
                continue;
            };
            for f in fields {
                let fv = &f.value;
                let bad = match f.key.as_str() {
                    "summary" | "metric" => match fv.as_str() {
                        Some(s) if f.key == "summary" => {
                            choice.summary = Some(s.to_string());
                            None
                        }
                        Some(s) => {
                            choice.metric = Some(s.to_string());
                            None
                        }
                        None => Some("text".to_string()),
                    },
                    "estimate_pct" => match fv.as_f64().filter(|x| x.is_finite()) {
                        Some(x) => {
                            choice.estimate_pct = Some(x);
                            None
                        }
                        None => Some("a percentage, e.g. `60` for a 60% improvement".into()),
                    },
                    "effort_hours" => match fv.as_f64() {
                        Some(x) if x.is_finite() && x >= 0.0 => {
                            choice.effort_hours = Some(x);
                            None
                        }
                        _ => Some("a number of hours, zero or more".into()),
                    },
                    "risk" => match fv.as_str() {
                        Some(r) if RISKS.contains(&r) => None,
                        _ => Some(format!("one of {}", RISKS.join(", "))),
                    },
                    _ => {
                        self.problem(
                            f.key_span.clone(),
                            format!("`{}` is not a key of an option", f.key),
                            format!("use {}", OPTION_KEYS.join(", ")),
                        );
                        continue;
                    }
                };
                if let Some(want) = bad {
                    self.problem(
                        fv.span.clone(),
                        format!(
                            "option `{}`: `{}: {}` is not valid",
                            entry.key,
                            f.key,
                            fv.display()
                        ),
                        format!("`{}` should be {want}", f.key),
                    );
                }
            }
            self.options.push(choice);
        }
    }
}

/// The chosen option's estimate against what the record measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Accuracy {
    pub option: String,
    pub metric: String,
    pub estimate_pct: f64,
    pub measured_pct: f64,
}

impl Accuracy {
    /// Measured minus estimated, in percentage points: negative when the fix fell short.
    pub fn error_points(&self) -> f64 {
        self.measured_pct - self.estimate_pct
    }
}

impl Lifecycle {
    /// The chosen option's estimated improvement and the one measured on its metric (the
    /// record's first metric unless the option names one), when both are known.
    pub fn accuracy(&self, doc: &Doc, config: &crate::config::Config) -> Option<Accuracy> {
        let chosen = self.chosen_option()?;
        let metrics = doc.metrics(config);
        let metric = match &chosen.metric {
            Some(key) => metrics.iter().find(|m| &m.key == key)?,
            None => metrics.first()?,
        };
        Some(Accuracy {
            option: chosen.id.clone(),
            metric: metric.key.clone(),
            estimate_pct: chosen.estimate_pct?,
            measured_pct: metric.improvement_pct()?,
        })
    }
}

/// `2025-12-03 14:10`, `2025-12-03T14:10[:SS]` or `2025-12-03` (midnight), in the team's own
/// time: every time of a record is written in one zone, so differences need none.
pub fn parse_time(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    if date.len() != 10 {
        return None;
    }
    let date: jiff::civil::Date = date.parse().ok()?;
    let (h, m, sec) = match time {
        None => (0, 0, 0),
        Some(t) => {
            let parts: Vec<&str> = t.split(':').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
                return None;
            }
            let n = |i: usize| -> Option<i8> {
                parts.get(i).map_or(Some(0), |p| {
                    p.bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| p.parse().ok())
                        .flatten()
                })
            };
            (n(0)?, n(1)?, n(2)?)
        }
    };
    DateTime::new(date.year(), date.month(), date.day(), h, m, sec, 0).ok()
}

/// Hours from `a` to `b`.
pub fn hours_between(a: DateTime, b: DateTime) -> f64 {
    b.duration_since(a).as_secs_f64() / 3600.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_the_one_way() {
        let t = |s| parse_time(s).map(|d| d.to_string());
        assert_eq!(
            t("2025-12-03 14:10").as_deref(),
            Some("2025-12-03T14:10:00")
        );
        assert_eq!(
            t("2025-12-03T14:10:05").as_deref(),
            Some("2025-12-03T14:10:05")
        );
        assert_eq!(t("2025-12-03").as_deref(), Some("2025-12-03T00:00:00"));
        for bad in [
            "2025-12-32",
            "2025-12-03 25:00",
            "2025-12-03T14",
            "yesterday",
            "2025-1-3",
            "2025-12-03 +1:00",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }
}
