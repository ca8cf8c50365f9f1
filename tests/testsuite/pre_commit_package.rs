//! The pre-commit hook `perfdoc-check` compiles nothing: pre-commit runs `pip install .` at
//! the repository's root, so the root pyproject.toml is a package without code whose one
//! dependency is the binary wheel, and the maturin project that builds that wheel (and would
//! compile) lives in python/perfdoc, where the release workflow builds it. The versions agree
//! with Cargo.toml by versions.rs; scripts/wheel-check.sh installs the hook for real.

use std::path::{Path, PathBuf};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MATURIN_DIR: &str = "python/perfdoc";

fn toml_file(rel: &str) -> toml::Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A path written in python/perfdoc/pyproject.toml, resolved as maturin resolves it.
fn from_maturin_dir(rel: &str) -> PathBuf {
    Path::new(ROOT)
        .join(MATURIN_DIR)
        .join(rel)
        .canonicalize()
        .unwrap_or_else(|e| panic!("{rel} from {MATURIN_DIR}: {e}"))
}

#[test]
fn the_root_package_only_pins_the_binary_wheel() {
    let root = toml_file("pyproject.toml");
    let backend = root["build-system"]["build-backend"].as_str().unwrap();
    assert!(
        !backend.contains("maturin"),
        "pre-commit installs the root package: it must not build the crate ({backend})"
    );
    assert!(root.get("tool").and_then(|t| t.get("maturin")).is_none());
    let project = &root["project"];
    assert_ne!(project["name"].as_str(), Some("perfdoc"));
    let deps: Vec<&str> = project["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(deps.len(), 1, "one dependency, the wheel: {deps:?}");
    assert!(
        deps[0].starts_with("perfdoc=="),
        "an exact pin, so `rev` decides the binary: {deps:?}"
    );
    // No code: a wheel of metadata only.
    assert_eq!(
        root["tool"]["hatch"]["build"]["targets"]["wheel"]["bypass-selection"].as_bool(),
        Some(true)
    );
}

#[test]
fn the_wheel_is_built_from_the_crate_at_the_root() {
    let wheel = toml_file(&format!("{MATURIN_DIR}/pyproject.toml"));
    assert_eq!(
        wheel["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(wheel["project"]["name"].as_str(), Some("perfdoc"));
    let dynamic = wheel["project"]["dynamic"].as_array().unwrap();
    assert!(
        dynamic.iter().any(|d| d.as_str() == Some("version")),
        "the wheel's version comes from Cargo.toml"
    );
    let maturin = &wheel["tool"]["maturin"];
    assert_eq!(maturin["bindings"].as_str(), Some("bin"));
    assert_eq!(maturin["locked"].as_bool(), Some(true));
    let root = Path::new(ROOT).canonicalize().unwrap();
    assert_eq!(
        from_maturin_dir(maturin["manifest-path"].as_str().unwrap()),
        root.join("Cargo.toml")
    );
    assert_eq!(
        from_maturin_dir(wheel["project"]["readme"].as_str().unwrap()),
        root.join("README.md")
    );
}

#[test]
fn the_release_builds_the_wheel_where_the_maturin_project_is() {
    let text = std::fs::read_to_string(Path::new(ROOT).join(".github/workflows/publish-pypi.yml"))
        .unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).unwrap();
    let mut builds = 0;
    for (name, job) in workflow["jobs"].as_object().unwrap() {
        let steps = job["steps"].as_array().unwrap();
        let Some(step) = steps.iter().find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("PyO3/maturin-action@"))
        }) else {
            continue;
        };
        builds += 1;
        assert_eq!(
            step["with"]["working-directory"].as_str(),
            Some(MATURIN_DIR),
            "job {name}"
        );
        let upload = steps
            .iter()
            .find(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/upload-artifact@"))
            })
            .unwrap_or_else(|| panic!("job {name} uploads nothing"));
        assert_eq!(
            upload["with"]["path"].as_str(),
            Some(format!("{MATURIN_DIR}/dist").as_str()),
            "job {name} uploads what maturin wrote (`--out dist` in {MATURIN_DIR})"
        );
    }
    assert_eq!(builds, 2, "the wheels and the sdist");
}
