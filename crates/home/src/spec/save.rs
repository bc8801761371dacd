//! Writing spec files: whole or not at all. A crash mid-save leaves the old
//! file (or no file), never half of the new one, and a new app never
//! replaces a file that is already there.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::template::{self, Template};

/// A temporary file beside `path`, hidden so the apps folder scan skips it.
fn temp_beside(path: &Path, n: u32) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// A new temporary file: made fresh, never opened through a name already
/// there (a remote could commit a link under a name we would pick).
fn open_temp(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut n = 0;
    loop {
        let tmp = temp_beside(path, n);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

fn write_temp(path: &Path, text: &[u8]) -> std::io::Result<PathBuf> {
    let (tmp, mut f) = open_temp(path)?;
    let result = (|| {
        f.write_all(text)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn sync_dir(path: &Path) {
    // Makes the rename itself durable; not every platform can open a folder.
    if let Some(dir) = path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Replaces `path` with `text` atomically (temporary file, then rename).
/// A link at `path` would be replaced by a plain file: callers resolve one
/// first (`runtime::spec_file::path`) and save to where it leads; sync
/// relies on it to put a file where git left a link, never writing through.
pub fn save(path: &Path, text: impl AsRef<[u8]>) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: not saved: {e}", path.display());
    let tmp = write_temp(path, text.as_ref()).map_err(fail)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    sync_dir(path);
    Ok(())
}

/// Writes `text` to `path` atomically, refusing when `path` exists.
pub fn create_new(path: &Path, text: &str) -> Result<(), String> {
    match write_if_missing(path, text)? {
        true => Ok(()),
        false => Err(format!(
            "{} already exists; nothing was written (choose another name)",
            path.display()
        )),
    }
}

/// Writes `text` to `path` atomically unless the name is taken, by a file
/// or by a link (even one to nowhere): it never writes through a link a
/// remote may have committed there. Returns whether it wrote.
pub fn write_if_missing(path: &Path, text: &str) -> Result<bool, String> {
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let tmp = write_temp(path, text.as_bytes()).map_err(fail)?;
    // A hard link fails when the name is taken, so nothing is replaced.
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            sync_dir(path);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(fail(e)),
    }
}

/// A new app made from `template`, named `name`, in `apps`: the file is the
/// name's slug, the id a fresh one that neither `taken` (ids of the active
/// specs and of stored data) nor an archived spec holds. Returns the file
/// and the id.
pub fn new_app(
    apps: &Path,
    bounds: &crate::bounds::Bounds,
    name: &str,
    template: &Template,
    taken: impl Fn(&str) -> bool,
) -> Result<(PathBuf, String), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("the name is empty; e.g. \"Book club\"".into());
    }
    let base = super::slug::from_stem(name)
        .ok_or_else(|| format!("{name:?} makes no file name; use letters or digits"))?;
    let path = apps.join(format!("{base}.ron"));
    if path.exists() {
        return Err(format!(
            "{} already exists; nothing was written (choose another name)",
            path.display()
        ));
    }
    let archived: Vec<String> = super::archive::archived(apps, bounds)?
        .specs()
        .map(|s| s.id.clone())
        .collect();
    let id = template::fresh_id(&base, |id| taken(id) || archived.iter().any(|a| a == id));
    let text = template::instantiate(&template.text, name, &id)?;
    std::fs::create_dir_all(apps).map_err(|e| format!("{}: {e}", apps.display()))?;
    create_new(&path, &text)?;
    Ok((path, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "old").unwrap();
        save(&path, "new text").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new text");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.ron")]);
    }

    #[cfg(unix)]
    #[test]
    fn save_never_writes_through_a_link_at_its_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "old").unwrap();
        let victim = out.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, temp_beside(&path, 0)).unwrap();
        save(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        create_new(&path, "first").unwrap();
        let e = create_new(&path, "second").unwrap_err();
        assert!(e.contains("already exists"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn new_app_takes_a_fresh_id() {
        let dir = tempfile::tempdir().unwrap();
        let t = template::find("water").unwrap();
        let bounds = crate::bounds::Bounds::new([dir.path()]);
        let (path, id) = new_app(dir.path(), &bounds, "Tea time", &t, |id| id == "tea-time").unwrap();
        assert_eq!(id, "tea-time-2");
        assert_eq!(path, dir.path().join("tea-time.ron"));
        let spec = crate::spec::load("tea-time", &std::fs::read(&path).unwrap()).unwrap();
        assert_eq!((spec.id.as_str(), spec.name.as_str()), ("tea-time-2", "Tea time"));
    }
}
