//! The practice as the next commit will contain it, read from the index git is using, and the
//! documents the staged change touches: what `perfdoc check --staged` checks.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::history::{Session, StagedContent, StagedFile};
use crate::location::{Target, resolve_link};
use crate::practice::{self, Practice};

/// The practice as the commit will contain it, as far as the staged change can be affected
/// (read from the index git is using; the working tree's documents are not read), and the
/// documents the staged change touches: those it adds or edits, those linking to a file it
/// deletes or renames away, and those sharing an identity with an edited one (a duplicate is
/// reported on the later of the two).
///
/// Only the documents that can matter are read: the changed ones and those whose names could
/// give them a changed one's identity — unless the change deletes or renames a file, when
/// every document is read to find the links to it.
pub fn load(git: &Session, root: &Path) -> Result<(Practice, Vec<String>)> {
    let shell = Practice::from_loaded(root, Config::load(root)?, Vec::new());
    let staged = git.staged(|p| shell.is_doc_path(p))?;
    let mut touched: Vec<String> = Vec::new();
    let mut gone: Vec<&str> = Vec::new();
    for change in &staged.changes {
        if let Some(new) = &change.new_path {
            touched.push(new.clone());
        }
        if let Some(old) = &change.old_path
            && change.new_path.as_ref() != Some(old)
        {
            gone.push(old);
        }
    }
    let touched_names: HashSet<String> = touched
        .iter()
        .flat_map(|p| practice::possible_identities(&shell.config, p))
        .collect();
    // Every identity is a part of the file name (a pattern's capture, or the stem), so a
    // name that contains none of the changed documents' identities is passed over without
    // running the kinds' patterns on it: this is asked of every document in the index.
    let needed = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        !gone.is_empty()
            || touched.iter().any(|t| t == path)
            || (touched_names.iter().any(|id| name.contains(id.as_str()))
                && practice::possible_identities(&shell.config, path)
                    .iter()
                    .any(|name| touched_names.contains(name)))
    };
    let content = |file: &StagedFile| git.staged_content(file, practice::MAX_DOC_BYTES);
    let mut read = Vec::new();
    for file in staged.files.iter().filter(|f| needed(&f.path)) {
        read.push((file, content(file)?));
    }
    // A symlink is committed as its target's path: the target's staged bytes are its content.
    let staged_bytes = |rel: &str| -> Result<Option<Vec<u8>>> {
        let Some(file) = staged.files.iter().find(|f| f.path == rel) else {
            return Ok(None);
        };
        Ok(match content(file)? {
            StagedContent::Bytes(b) => Some(b),
            _ => None,
        })
    };
    let mut loaded = Vec::with_capacity(read.len());
    let mut texts = Vec::with_capacity(read.len());
    for (file, content) in read {
        if !file.utf8_name {
            loaded.push(Err(Box::new(practice::non_utf8_name(Path::new(
                &file.path,
            )))));
            continue;
        }
        match content {
            StagedContent::Bytes(bytes) => texts.push((file.path.as_str(), bytes)),
            StagedContent::Symlink { target } => {
                // The link is committed, not its target: read the target as the commit has
                // it, and only inside the practice.
                // A symlink's target is a file-system path: `/…` is the machine's root, not
                // the practice's as in a link.
                let resolved = if target.starts_with('/') {
                    Target::Outside
                } else {
                    resolve_link(&file.path, &target)
                };
                match resolved {
                    Target::Local { path: rel, .. } => match staged_bytes(&rel)? {
                        Some(bytes) => texts.push((file.path.as_str(), bytes)),
                        None => loaded.push(Err(Box::new(
                            Diagnostic::error(
                                &file.path,
                                "file-unreadable",
                                format!("broken symlink: `{target}` is not in the commit"),
                            )
                            .hint("stage the file it points at, or remove the link"),
                        ))),
                    },
                    _ => loaded.push(Err(Box::new(
                        Diagnostic::error(
                            &file.path,
                            "file-unreadable",
                            format!("symlink points outside the practice, to `{target}`"),
                        )
                        .hint("copy the document into the practice instead of linking to it"),
                    ))),
                }
            }
            StagedContent::TooLarge { size } => {
                loaded.push(Err(Box::new(practice::too_large(&file.path, size))));
            }
        }
    }
    loaded.par_extend(
        texts
            .into_par_iter()
            .map(|(path, bytes)| practice::decode(path, bytes)),
    );
    let mut practice = Practice::from_loaded(root, shell.config, loaded);
    let identities: Vec<(Option<&str>, String)> = practice
        .docs
        .iter()
        .filter(|d| touched.contains(&d.path))
        .map(|d| (d.kind.as_deref(), d.identity()))
        .collect();
    let mut out: Vec<String> = touched
        .iter()
        .filter(|p| practice.is_doc_path(p))
        .cloned()
        .collect();
    let mut unstaged_targets = Vec::new();
    for doc in &practice.docs {
        let mut links_gone = false;
        for link in &doc.outline.links {
            let Target::Local { path, .. } = resolve_link(&doc.path, &link.dest) else {
                continue;
            };
            if !gone.contains(&path.as_str()) {
                continue;
            }
            links_gone = true;
            // `broken-link` looks at the working tree; after `git rm --cached` the file is
            // still there but not in the commit.
            if root.join(&path).exists() {
                unstaged_targets.push(
                    Diagnostic::error(
                        &doc.path,
                        "broken-link",
                        format!(
                            "link target `{}` is not in the commit (the index deletes or renames it)",
                            link.dest
                        ),
                    )
                    .at(doc.locate(link.span.clone()))
                    .hint("fix the link, or stage the file it points at again"),
                );
            }
        }
        let same_identity =
            doc.kind.is_some() && identities.contains(&(doc.kind.as_deref(), doc.identity()));
        if links_gone || same_identity {
            out.push(doc.path.clone());
        }
    }
    practice.problems.extend(unstaged_targets);
    out.sort();
    out.dedup();
    Ok((practice, out))
}
