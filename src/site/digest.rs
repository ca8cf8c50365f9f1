//! The digests of the site's memo and cache: BLAKE3, so hashing every page a build writes
//! stays a small part of the build (git's SHA-1 with collision detection is several times
//! slower), and hostile inputs cannot make two pages share a key.

/// The digest of some bytes (a file, a cache's contents).
pub fn bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// One digest of several strings, each told apart from the next.
pub fn parts(parts: &[&str]) -> String {
    let mut all = blake3::Hasher::new();
    for part in parts {
        all.update(&(part.len() as u64).to_le_bytes());
        all.update(part.as_bytes());
    }
    all.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_are_told_apart() {
        assert_ne!(super::parts(&["ab", "c"]), super::parts(&["a", "bc"]));
        assert_eq!(super::parts(&["ab", "c"]), super::parts(&["ab", "c"]));
    }
}
