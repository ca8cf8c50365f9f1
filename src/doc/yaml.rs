//! A YAML value tree that remembers where every value and key sits in the file. The checker
//! needs to point at the exact field that is wrong, so front matter is read into this tree
//! (through serde-saphyr's `Spanned`) rather than straight into typed structs.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A value and its byte range in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A number, whether YAML read it as an integer or a float.
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The value as text for display: scalars as written, collections summarised.
    pub fn display(&self) -> String {
        match &self.value {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => s.clone(),
            Value::Seq(items) => items
                .iter()
                .map(Node::display)
                .collect::<Vec<_>>()
                .join(", "),
            Value::Map(_) => "{…}".into(),
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }

    /// Moves every span by `offset` bytes: the tree is parsed from the front-matter block and
    /// then placed in its file.
    pub fn shift(&mut self, offset: usize) {
        self.span = self.span.start + offset..self.span.end + offset;
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift(offset)),
            Value::Map(entries) => {
                for e in entries {
                    e.key_span = e.key_span.start + offset..e.key_span.end + offset;
                    e.value.shift(offset);
                }
            }
            _ => {}
        }
    }

    /// Converts to JSON for templates and machine output.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

fn span_of<T>(s: &Spanned<T>) -> Range<usize> {
    let span = s.referenced.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    start..start + len
}

impl From<Spanned<Value>> for Node {
    fn from(s: Spanned<Value>) -> Node {
        let span = span_of(&s);
        Node {
            value: s.value,
            span,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(Node::from(item));
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Value>>()? {
            let key_span = span_of(&key);
            let name = match key.value {
                Value::Str(s) => s,
                Value::Seq(_) | Value::Map(_) => {
                    return Err(de::Error::custom(
                        "a key must be a plain word, not a list or map",
                    ));
                }
                value => Node {
                    value,
                    span: key_span.clone(),
                }
                .display(),
            };
            let value = Node::from(map.next_value::<Spanned<Value>>()?);
            entries.push(Entry {
                key: name,
                key_span,
                value,
            });
        }
        Ok(Value::Map(entries))
    }
}

/// What a tripped parser budget means, in words, with a way out: serde-saphyr stops a
/// document that would expand past its limits (an alias bomb, a flood of nodes, deep
/// nesting) but names the limit as a Rust value (`Nodes { nodes: 250001 }`).
pub fn budget_breach(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let breach = match e {
        E::Budget { breach, .. } => breach,
        E::WithSnippet { error, .. } | E::AliasError { error, .. } => {
            return budget_breach(error);
        }
        _ => return None,
    };
    let aliases = "write the values out instead of repeating them through `&anchor` and `*alias`";
    let (what, hint) = match breach {
        B::Nodes { nodes } => (
            format!("expands to more than {} values", nodes.saturating_sub(1)),
            aliases,
        ),
        B::Aliases { aliases: n } => (
            format!("uses more than {} aliases", n.saturating_sub(1)),
            aliases,
        ),
        B::AliasAnchorRatio {
            aliases: a,
            anchors,
        } => (format!("uses {a} aliases for {anchors} anchors"), aliases),
        B::Anchors { anchors } => (
            format!("defines more than {} anchors", anchors.saturating_sub(1)),
            aliases,
        ),
        B::Events { .. } => (
            "is too large to read".to_string(),
            "front matter holds a document's fields; move bulk data to a file of its own",
        ),
        B::Depth { depth } => (
            format!("nests lists and maps {depth} levels deep"),
            "flatten the structure: front-matter fields need a few levels at most",
        ),
        B::ScalarBytes { .. } => (
            "holds more text than perfdoc reads in front matter".to_string(),
            "move long text into the document's body",
        ),
        B::MergeKeys { merge_keys } => (
            format!("uses {merge_keys} merge keys (`<<`)"),
            "write the fields out instead of merging them in",
        ),
        B::Documents { .. } => (
            "holds more than one YAML document".to_string(),
            "keep one `---` block of front matter",
        ),
        _ => (
            "is beyond what perfdoc reads in front matter".to_string(),
            "keep front matter to plain `key: value` fields",
        ),
    };
    Some((format!("front matter {what}"), hint.to_string()))
}
