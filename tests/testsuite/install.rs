//! The release install path, as the GitHub Action runs it: `scripts/install.sh` against a
//! release served from a local folder (`file://`), holding an archive made from the binary under
//! test in the layout cargo-dist publishes, with its SHA-256 sum.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// True when `tool` runs; without it the test is skipped, except in CI, where it fails.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is needed for this test and CI must have it"
        );
        eprintln!("NOTICE: test skipped: {tool} is not installed");
    }
    found
}

fn install_sh(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg(Path::new(ROOT).join("scripts/install.sh"))
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("sh runs")
}

fn target() -> String {
    let out = install_sh(&["--print-target"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A release folder `releases/vVERSION/` holding `perfdoc-TARGET.tar.gz` (the binary under
/// `perfdoc-TARGET/`) and its `.sha256`, as cargo-dist uploads them.
fn release(root: &Path, sum: Option<&str>) -> PathBuf {
    let target = target();
    let stage = root.join("stage");
    let inner = stage.join(format!("perfdoc-{target}"));
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_perfdoc"), inner.join("perfdoc")).unwrap();
    let releases = root.join("releases");
    let tag = releases.join(format!("v{VERSION}"));
    std::fs::create_dir_all(&tag).unwrap();
    let archive = tag.join(format!("perfdoc-{target}.tar.gz"));
    let status = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(&stage)
        .arg(format!("perfdoc-{target}"))
        .status()
        .expect("tar runs");
    assert!(status.success());
    let digest = match sum {
        Some(s) => s.to_string(),
        None => {
            let out = Command::new("sha256sum").arg(&archive).output().unwrap();
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .next()
                .unwrap()
                .to_string()
        }
    };
    std::fs::write(
        tag.join(format!("perfdoc-{target}.tar.gz.sha256")),
        format!("{digest} *perfdoc-{target}.tar.gz\n"),
    )
    .unwrap();
    releases
}

#[test]
fn install_script_installs_a_release_that_answers_version() {
    if !(have("curl") && have("tar") && have("sha256sum")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let releases = release(tmp.path(), None);
    let bin = tmp.path().join("bin");
    let url = format!("file://{}", releases.display());
    let out = install_sh(
        &[],
        &[
            ("PERFDOC_VERSION", VERSION),
            ("PERFDOC_BASE_URL", &url),
            ("PERFDOC_INSTALL_DIR", bin.to_str().unwrap()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let version = Command::new(bin.join("perfdoc"))
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&version.stdout);
    assert!(text.starts_with(&format!("perfdoc {VERSION}")), "{text}");
}

#[test]
fn install_script_refuses_an_archive_whose_sum_does_not_match() {
    if !(have("curl") && have("tar") && have("sha256sum")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let releases = release(tmp.path(), Some(&"0".repeat(64)));
    let bin = tmp.path().join("bin");
    let url = format!("file://{}", releases.display());
    let out = install_sh(
        &[
            "--version",
            VERSION,
            "--base-url",
            &url,
            "--dir",
            bin.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(
        !bin.join("perfdoc").exists(),
        "a refused binary was installed"
    );
}

#[test]
fn install_script_refuses_a_version_that_is_not_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = install_sh(
        &[
            "--version",
            "../../etc",
            "--base-url",
            "https://example.invalid",
        ],
        &[("PERFDOC_INSTALL_DIR", tmp.path().to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a version like 1.2.3"), "{err}");
}

#[test]
fn install_script_refuses_a_plain_http_base_url() {
    let out = install_sh(
        &[
            "--version",
            VERSION,
            "--base-url",
            "http://example.com/releases",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("use https://"), "{err}");
}

#[test]
fn the_action_installs_with_the_install_script_and_pins_this_version() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    let action: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    assert_eq!(action["inputs"]["version"]["default"], VERSION);
    let steps = action["runs"]["steps"].as_array().unwrap();
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install perfdoc")
        .expect("an install step");
    assert!(
        install["run"]
            .as_str()
            .unwrap()
            .contains("$GITHUB_ACTION_PATH/scripts/install.sh")
    );
    for var in ["PERFDOC_VERSION", "PERFDOC_BASE_URL", "PERFDOC_INSTALL_DIR"] {
        assert!(
            install["env"].get(var).is_some(),
            "install step lacks {var}"
        );
    }
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(
        key.contains("inputs.version") && key.contains("target"),
        "{key}"
    );
    // Inputs reach scripts only through env: never spliced into a `run:`.
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            assert!(!run.contains("${{"), "expression in a script: {run}");
        }
    }
}

#[test]
fn the_hook_says_how_to_install_perfdoc_without_compiling() {
    let repo = crate::support::Repo::new();
    repo.perfdoc(&["init", "--ci", "none", "--hook"]).code(0);
    let hook = repo.read(".git/hooks/pre-commit");
    let line = hook
        .lines()
        .find(|l| l.contains("perfdoc is not installed"))
        .expect("the hook explains a missing perfdoc");
    for channel in ["pipx install perfdoc", "cargo binstall perfdoc"] {
        assert!(line.contains(channel), "{line}");
    }
    assert!(
        line.contains(&format!("{}#install", env!("CARGO_PKG_REPOSITORY"))),
        "{line}"
    );
}
