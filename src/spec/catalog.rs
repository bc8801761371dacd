//! The apps folder: every `*.ron` spec in it, valid or not.

use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, SpecError};
use super::load::{MAX_SPEC_BYTES, closest, too_big};
use super::syntax::{self, Args, NodeKind, Pos};
use super::types::Spec;
use crate::bounds::Bounds;

#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub spec: Result<Spec, SpecError>,
}

impl Entry {
    /// The file's name without `.ron`.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Sorted by file name.
    pub entries: Vec<Entry>,
}

/// Reads one spec file, refusing huge files before reading them whole, and
/// a link that leads out of `bounds` before reading anything through it.
pub fn read_entry(path: &Path, bounds: &Bounds) -> Entry {
    let display = path.display().to_string();
    let fail = |message: String| Entry {
        path: path.to_path_buf(),
        spec: Err(SpecError {
            path: display.clone(),
            diagnostics: vec![Diagnostic::new(Pos { line: 1, col: 1 }, message)],
        }),
    };
    let real = match bounds.resolve(path) {
        Ok(real) => real,
        Err(refused) => return fail(refused.why),
    };
    match std::fs::metadata(&real) {
        Ok(m) if m.len() > MAX_SPEC_BYTES as u64 => return fail(too_big(m.len())),
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read the file: {e}")),
    }
    let bytes = match std::fs::read(&real) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read the file: {e}")),
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("app");
    Entry {
        path: path.to_path_buf(),
        spec: super::load(stem, &bytes).map_err(|diagnostics| SpecError {
            path: display,
            diagnostics,
        }),
    }
}

/// Reads and checks every file, on every core when there are many: the
/// launcher's first frame waits for this, and a hundred specs take a couple
/// of milliseconds on one core.
fn read_all(paths: &[PathBuf], bounds: &Bounds) -> Vec<Entry> {
    const PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len() / PER_THREAD);
    if threads < 2 {
        return paths.iter().map(|p| read_entry(p, bounds)).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|s| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|p| read_entry(p, bounds)).collect::<Vec<_>>()))
            .collect();
        // A panic in a reader is a bug to surface, as it would be on one thread.
        parts
            .into_iter()
            .flat_map(|h| h.join().expect("spec reader"))
            .collect()
    })
}

/// Where a spec file writes its `id:` value, or 1:1 when it names none (the
/// id is then the file's stem) or the file cannot be read again.
fn id_pos(path: &Path) -> Pos {
    let start = Pos { line: 1, col: 1 };
    let Ok(bytes) = std::fs::read(path) else {
        return start;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return start;
    };
    let Ok(node) = syntax::parse(text) else {
        return start;
    };
    match &node.kind {
        NodeKind::Call {
            args: Args::Named(keys),
            ..
        } => keys
            .iter()
            .find(|(k, _)| k.name == "id")
            .map_or(start, |(_, v)| v.span.start),
        _ => start,
    }
}

/// Where a spec file writes its kind (`List(`...), or 1:1.
pub fn kind_pos(path: &Path) -> Pos {
    std::fs::read(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map_or(Pos { line: 1, col: 1 }, |text| kind_pos_in(&text))
}

/// Where a spec's text writes its kind, or 1:1.
pub fn kind_pos_in(text: &str) -> Pos {
    syntax::parse(text)
        .map(|n| n.span.start)
        .unwrap_or(Pos { line: 1, col: 1 })
}

impl Catalog {
    /// Scans `dir` for `*.ron` files (hidden files and folders are skipped);
    /// a file that is a link is read only if it stays within `bounds`.
    pub fn scan(dir: &Path, bounds: &Bounds) -> std::io::Result<Catalog> {
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || !name.ends_with(".ron") {
                continue;
            }
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(true) {
                continue;
            }
            paths.push(entry.path());
        }
        paths.sort();
        Ok(Catalog::from_entries(read_all(&paths, bounds)))
    }

    /// Builds a catalog, marking every spec whose id an earlier file already uses.
    pub fn from_entries(mut entries: Vec<Entry>) -> Catalog {
        let mut seen: std::collections::HashMap<String, PathBuf> = Default::default();
        for e in &mut entries {
            let Ok(spec) = &e.spec else { continue };
            if let Some(first) = seen.get(&spec.id) {
                let message = format!(
                    "the id {} is already used by {}; give this app its own id: \"...\"",
                    syntax::quote(&spec.id),
                    first.display()
                );
                e.spec = Err(SpecError {
                    path: e.path.display().to_string(),
                    diagnostics: vec![Diagnostic::new(id_pos(&e.path), message)],
                });
            } else {
                seen.insert(spec.id.clone(), e.path.clone());
            }
        }
        Catalog { entries }
    }

    pub fn specs(&self) -> impl Iterator<Item = &Spec> {
        self.entries.iter().filter_map(|e| e.spec.as_ref().ok())
    }

    /// Finds an app by id, file name or name (case-insensitive), valid or not.
    pub fn find(&self, query: &str) -> Result<&Spec, String> {
        let q = query.to_lowercase();
        let hit = self
            .entries
            .iter()
            .find(|e| e.spec.as_ref().is_ok_and(|s| s.id == query))
            .or_else(|| self.entries.iter().find(|e| e.stem().to_lowercase() == q))
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|e| e.spec.as_ref().is_ok_and(|s| s.name.to_lowercase() == q))
            });
        match hit {
            Some(Entry { spec: Ok(spec), .. }) => Ok(spec),
            Some(Entry { spec: Err(e), .. }) => Err(format!("the app {query:?} has an invalid spec:\n{e}")),
            None => {
                let mut names: Vec<&str> = self.specs().map(|s| s.id.as_str()).collect();
                names.extend(self.specs().map(|s| s.name.as_str()));
                Err(match closest(query, &names) {
                    Some(n) => format!("no app called {query:?}; did you mean {n:?}? (`nook ls` lists them)"),
                    None => format!("no app called {query:?} (`nook ls` lists them)"),
                })
            }
        }
    }
}
