//! "Keep both": the remote's version of a spec saved beside the local one as
//! a new app, `books-theirs.ron`, with its own id and a name that says so.

use std::path::Path;

/// The file name and text for the remote's copy of `file`, in `dir`.
pub fn theirs_copy(dir: &Path, file: &str, text: &[u8]) -> (String, Vec<u8>) {
    let stem = file.strip_suffix(".ron").unwrap_or(file);
    let fix = |s: &str| match std::str::from_utf8(text) {
        Ok(t) => rewrite(t, s).into_bytes(),
        Err(_) => text.to_vec(),
    };
    for n in 1..100 {
        let new_stem = match n {
            1 => format!("{stem}-theirs"),
            n => format!("{stem}-theirs-{n}"),
        };
        let out = fix(&new_stem);
        let name = format!("{new_stem}.ron");
        // A link (a remote can commit one under this very name) is taken,
        // and never read or written through.
        if dir.join(&name).is_symlink() {
            continue;
        }
        match std::fs::read(dir.join(&name)) {
            // Saved already (a rebase settles the same file at each step).
            Ok(there) if there == out => return (name, out),
            Ok(_) => continue,
            Err(_) if !taken_id(dir, &new_stem) => return (name, out),
            Err(_) => continue,
        }
    }
    let name = format!("{stem}-theirs-{}.ron", std::process::id());
    (name, text.to_vec())
}

/// Whether another spec in `dir` already uses `id`.
fn taken_id(dir: &Path, id: &str) -> bool {
    // The apps folder as the launcher reads it, links and all.
    let bounds = crate::paths::Home::of_apps(dir).bounds();
    crate::spec::Catalog::scan(dir, &bounds).is_ok_and(|c| c.specs().any(|s| s.id == id))
}

/// Sets the spec's `id:` (when it names one; else the file stem is the id)
/// to `id`, and adds " (theirs)" to its `name:`. Text it cannot read is
/// kept as it is: the loader will say what is wrong with it.
fn rewrite(text: &str, id: &str) -> String {
    crate::spec::rewrite::set_strings(text, |key, value| match key {
        "id" => Some(id.to_string()),
        "name" => Some(format!("{value} (theirs)")),
        _ => None,
    })
    .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn renames_id_and_name() {
        let t = "// c\nList(\n    name: \"Books \\\"x\\\"\",\n    id: \"books\",\n)\n";
        assert_eq!(
            rewrite(t, "books-theirs"),
            "// c\nList(\n    name: \"Books \\\"x\\\" (theirs)\",\n    id: \"books-theirs\",\n)\n"
        );
        assert_eq!(
            rewrite("Tracker(name: \"💧 W\", unit: \"g\")", "w-theirs"),
            "Tracker(name: \"💧 W (theirs)\", unit: \"g\")"
        );
        assert_eq!(rewrite("<<<<<<< HEAD\n", "x"), "<<<<<<< HEAD\n");
    }
}
