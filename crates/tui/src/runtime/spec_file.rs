//! Spec files as the editor reads and writes them: only files directly in
//! the apps folder, named by the catalog. A file that is a link is read and
//! written at its target while that stays in the home (so saving keeps the
//! link), and refused when it leads out.

use crate::paths::Home;
use crate::spec::load::MAX_SPEC_BYTES;
use crate::spec::save;

/// Where `file` of the apps folder really is; a name that could leave the
/// folder, or a link leading out of the home, is refused.
pub fn path(home: &Home, file: &str) -> Result<std::path::PathBuf, String> {
    if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') || !file.ends_with(".ron") {
        return Err(format!("{file:?} is not a spec file name"));
    }
    let named = home.apps().join(file);
    home.bounds()
        .resolve(&named)
        .map_err(|r| format!("apps/{file}: {}", r.why))
}

/// The text of a spec file, refusing what the editor could not keep intact.
pub fn read(home: &Home, file: &str) -> Result<String, String> {
    let path = path(home, file)?;
    let shown = format!("apps/{file}");
    let bytes = std::fs::read(&path).map_err(|e| format!("{shown}: cannot read it: {e}"))?;
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(format!("{shown} is too big to edit here ({} bytes)", bytes.len()));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown} is not UTF-8 text (byte {}); fix it in another editor, or E",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A message with the home's path taken off, as the TUI names files.
pub fn shorten(home: &Home, message: String) -> String {
    // The home as named, and where it really is (files are written there).
    let real = std::fs::canonicalize(&home.root).unwrap_or_else(|_| home.root.clone());
    [&home.root, &real]
        .iter()
        .fold(message, |m, root| m.replace(&format!("{}/", root.display()), ""))
}

pub enum SaveError {
    /// The file no longer holds the text the editor started from; its text now.
    Changed(String),
    Failed(String),
}

/// Writes an edited spec, unless the file changed since the editor read it
/// (`expected`; None overwrites whatever is there). A file that is gone is
/// written anew.
pub fn save(home: &Home, file: &str, text: &str, expected: Option<&str>) -> Result<(), SaveError> {
    let path = path(home, file).map_err(SaveError::Failed)?;
    if let Some(expected) = expected
        && let Ok(now) = std::fs::read_to_string(&path)
        && now != expected
    {
        return Err(SaveError::Changed(now));
    }
    save::save(&path, text).map_err(|e| SaveError::Failed(shorten(home, e)))
}
