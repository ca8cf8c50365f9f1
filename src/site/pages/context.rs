//! A page's template context that also knows its own digest: every value put in it is
//! serialized once more, as JSON streamed into a hash, so the memo (`site::memo`) can tell a page whose
//! inputs are unchanged without rendering it. Tera's own context cannot say this: its maps
//! iterate in a different order in every process.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::super::digest;

pub struct PageContext {
    pub tera: tera::Context,
    /// Key → digest of the value's JSON; `None` once a value could not be serialized, so the
    /// page is always rendered.
    digests: Option<BTreeMap<Cow<'static, str>, String>>,
}

impl PageContext {
    pub fn new() -> PageContext {
        PageContext {
            tera: tera::Context::new(),
            digests: Some(BTreeMap::new()),
        }
    }

    /// Puts `val` under `key`, replacing what was there, as `tera::Context::insert` does.
    pub fn insert<S: Into<Cow<'static, str>>, T: Serialize + ?Sized>(&mut self, key: S, val: &T) {
        let key = key.into();
        if let Some(digests) = self.digests.as_mut() {
            match digest::json(val) {
                Some(d) => {
                    digests.insert(key.clone(), d);
                }
                None => self.digests = None,
            }
        }
        self.tera.insert(key, val);
    }

    /// The context's digest: its keys and their values' digests, in key order.
    pub fn digest(&self) -> Option<String> {
        let digests = self.digests.as_ref()?;
        let mut all = String::new();
        for (key, digest) in digests {
            all.push_str(key);
            all.push('\0');
            all.push_str(digest);
            all.push('\n');
        }
        Some(digest::bytes(all.as_bytes()))
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
