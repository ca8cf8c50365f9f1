//! Every file that pins perfdoc's version agrees with Cargo.toml, and
//! `scripts/bump-version.sh` moves them all together.

use std::path::Path;
use std::process::Command;

use regex::Regex;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FILES: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "action.yml",
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "scripts/bump-version.sh",
];

/// Each version a file pins, as (file, pattern, version found).
fn pins(root: &Path) -> Vec<(String, String)> {
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
    let mut found = Vec::new();
    let mut grab = |rel: &str, pattern: &str| {
        let text = read(rel);
        let re = Regex::new(pattern).unwrap();
        let mut any = false;
        for c in re.captures_iter(&text) {
            any = true;
            found.push((format!("{rel}: {pattern}"), c[1].to_string()));
        }
        assert!(any, "{rel} no longer pins a version with {pattern}");
    };
    grab("Cargo.toml", r#"(?m)\A(?s:.*?)^version = "([^"]+)""#);
    grab(
        "Cargo.lock",
        r#"(?m)^name = "perfdoc"\nversion = "([^"]+)""#,
    );
    grab("action.yml", r#"(?m)^    default: "(\d[^"]*)""#);
    grab("action.yml", r"perfdoc/perfdoc@v(\d[\w.-]*)");
    grab(".pre-commit-hooks.yaml", r"(?m)rev: v(\d[\w.-]*)$");
    // The hook's package and the binary wheel it pins.
    grab("pyproject.toml", r#"(?m)^version = "([^"]+)"$"#);
    grab("pyproject.toml", r#""perfdoc==([^"]+)""#);
    grab(
        "README.md",
        r"(?:@v?|==|rev: v|download/v|--version |version: |perfdoc )(\d+\.\d+\.\d+)\b",
    );
    found
}

#[test]
fn every_pinned_version_agrees_with_cargo_toml() {
    let version = env!("CARGO_PKG_VERSION");
    for (place, found) in pins(Path::new(ROOT)) {
        assert_eq!(
            found, version,
            "{place} pins {found}, Cargo.toml says {version}"
        );
    }
    let changelog = std::fs::read_to_string(Path::new(ROOT).join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains("## [Unreleased]"),
        "CHANGELOG.md has an Unreleased section"
    );
}

#[test]
fn bump_version_moves_every_pin_together() {
    let tmp = tempfile::tempdir().unwrap();
    for rel in FILES {
        let to = tmp.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(ROOT).join(rel), to).unwrap();
    }
    let out = Command::new("bash")
        .arg(tmp.path().join("scripts/bump-version.sh"))
        .arg("9.8.7")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (place, found) in pins(tmp.path()) {
        assert_eq!(found, "9.8.7", "{place} was not bumped");
    }
    let changelog = std::fs::read_to_string(tmp.path().join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains("## [Unreleased]\n\n## [9.8.7] - "),
        "{changelog}"
    );
    // Only perfdoc's own entry in the lock file moves.
    let lock = std::fs::read_to_string(tmp.path().join("Cargo.lock")).unwrap();
    let before = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    assert_eq!(lock.matches("9.8.7").count(), 1);
    assert_eq!(lock.lines().count(), before.lines().count());

    let bad = Command::new("bash")
        .arg(tmp.path().join("scripts/bump-version.sh"))
        .arg("nine")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a version"));
}
