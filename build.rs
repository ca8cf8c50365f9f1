//! Build script: names the commit the binary was built from in `perfdoc --version`, so a bug
//! report says exactly which code ran. Outside a git checkout (the crate as packaged for
//! crates.io, a tarball) the commit cargo recorded in `.cargo_vcs_info.json` is used, and with
//! neither the version stands alone.

use std::path::Path;
use std::process::Command;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let manifest = Path::new(&manifest);
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = packaged_commit(manifest).or_else(|| git_commit(manifest));
    let long = match commit {
        Some(c) => format!("{version} ({c})"),
        None => version,
    };
    println!("cargo:rustc-env=PERFDOC_LONG_VERSION={long}");
    println!("cargo:rerun-if-changed=build.rs");
}

/// `cargo package` writes the commit it packaged into `.cargo_vcs_info.json`.
fn packaged_commit(manifest: &Path) -> Option<String> {
    let path = manifest.join(".cargo_vcs_info.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).ok()?;
    let at = text.find("\"sha1\"")?;
    let rest = &text[at + 6..];
    let start = rest.find('"')? + 1;
    let sha: String = rest[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (sha.len() >= 7).then(|| sha[..9.min(sha.len())].to_string())
}

/// The checkout's HEAD, only when the manifest is the top of that checkout: a crate unpacked
/// inside some other repository must not claim that repository's commit.
fn git_commit(manifest: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(manifest)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest.canonicalize().ok()? {
        return None;
    }
    // Rebuild when HEAD moves: the HEAD file itself and the branch it names.
    for rel in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", rel]) {
            println!("cargo:rerun-if-changed={}", manifest.join(p).display());
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(p) = git(&["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={}", manifest.join(p).display());
    }
    let sha = git(&["rev-parse", "--short=9", "HEAD"])?;
    let date = git(&["show", "-s", "--format=%cs", "HEAD"]).unwrap_or_default();
    Some(if date.is_empty() {
        sha
    } else {
        format!("{sha} {date}")
    })
}
