//! A page's template context that also knows its own digest: every value put in it is
//! serialized once more, to JSON, and the whole is hashed at once, so the memo (`site::memo`)
//! can tell a page whose inputs are unchanged without rendering it. Tera's own context cannot
//! say this: its maps iterate in a different order in every process.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::super::digest;

pub struct PageContext {
    pub tera: tera::Context,
    /// Key → the value's JSON; `None` once a value could not be serialized, so the page is
    /// always rendered. Kept as bytes and hashed in one go: a page's values are small, and
    /// one hash over all of them is several times cheaper than one hash each.
    json: Option<BTreeMap<Cow<'static, str>, Vec<u8>>>,
}

impl PageContext {
    pub fn new() -> PageContext {
        PageContext {
            tera: tera::Context::new(),
            json: Some(BTreeMap::new()),
        }
    }

    /// Puts `val` under `key`, replacing what was there, as `tera::Context::insert` does.
    pub fn insert<S: Into<Cow<'static, str>>, T: Serialize + ?Sized>(&mut self, key: S, val: &T) {
        let key = key.into();
        if let Some(json) = self.json.as_mut() {
            match serde_json::to_vec(val) {
                Ok(bytes) => {
                    json.insert(key.clone(), bytes);
                }
                Err(_) => self.json = None,
            }
        }
        self.tera.insert(key, val);
    }

    /// The context's digest: its keys and their values' JSON, in key order, each told apart
    /// from the next.
    pub fn digest(&self) -> Option<String> {
        let json = self.json.as_ref()?;
        let parts: Vec<&[u8]> = json
            .iter()
            .flat_map(|(key, bytes)| [key.as_bytes(), bytes.as_slice()])
            .collect();
        Some(digest::parts(&parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_values_same_digest_whatever_the_order() {
        let mut a = PageContext::new();
        a.insert("x", &1);
        a.insert("y", &vec!["a", "b"]);
        let mut b = PageContext::new();
        b.insert("y", &vec!["a", "b"]);
        b.insert("x", &2);
        assert_ne!(a.digest(), b.digest());
        b.insert("x", &1);
        assert_eq!(a.digest(), b.digest());
        assert!(a.digest().is_some());
    }
}
