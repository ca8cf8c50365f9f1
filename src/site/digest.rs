//! The digests of the site's memo and cache: BLAKE3, so hashing every page a build writes
//! stays a small part of the build (git's SHA-1 with collision detection is several times
//! slower), and hostile inputs cannot make two pages share a key.

/// The digest of some bytes (a file, a cache's contents).
pub fn bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// A configuration as a part of a key. `Config` holds only vectors, ordered maps and plain
/// values (floats printed in full) and is not `Serialize`: its debug form is the same for
/// the same configuration in every process.
pub fn config(config: &crate::config::Config) -> String {
    format!("{config:?}")
}

/// One digest of several strings or byte strings, each told apart from the next (its
/// length before it). Hashed as one buffer: BLAKE3 hashes a long input on several lanes at
/// once, many short updates one block at a time.
pub fn parts<T: AsRef<[u8]>>(parts: &[T]) -> String {
    let size = parts.iter().map(|p| p.as_ref().len() + 8).sum();
    let mut all = Vec::with_capacity(size);
    for part in parts {
        let part = part.as_ref();
        all.extend_from_slice(&(part.len() as u64).to_le_bytes());
        all.extend_from_slice(part);
    }
    bytes(&all)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_are_told_apart() {
        assert_ne!(super::parts(&["ab", "c"]), super::parts(&["a", "bc"]));
        assert_eq!(super::parts(&["ab", "c"]), super::parts(&["ab", "c"]));
    }
}
