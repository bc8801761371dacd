//! The folders nook's files may lead into. A git remote can commit a
//! symlink anywhere in the apps folder; nook follows one only while it stays
//! inside these folders, so nothing is read, moved, written or deleted
//! outside the home through a link.

use std::path::{Path, PathBuf};

/// Folders, each resolved once, that a path must resolve into.
#[derive(Clone, Debug, Default)]
pub struct Bounds {
    roots: Vec<PathBuf>,
    /// The home (resolved) whose own files no path may lead to.
    state_of: Option<PathBuf>,
    /// What the bounds are called in a message; "nook's home" when None.
    called: Option<&'static str>,
}

impl Bounds {
    /// Links may lead anywhere under `roots` (wherever links among the roots
    /// themselves point: those are the user's own choice). A root that does
    /// not exist yet holds what will be made there.
    pub fn new<P: AsRef<Path>>(roots: impl IntoIterator<Item = P>) -> Bounds {
        Bounds::default().and(roots)
    }

    /// These bounds and `roots` too.
    pub fn and<P: AsRef<Path>>(mut self, roots: impl IntoIterator<Item = P>) -> Bounds {
        self.roots
            .extend(roots.into_iter().filter_map(|r| follow(r.as_ref()).ok()));
        self
    }

    /// These bounds without nook's own files in `home`: the database and
    /// every file beside it named after it (damaged and temporary copies),
    /// `config.ron`, `nook.log`, the parsed-spec cache, and anything in a
    /// `.git` folder. A spec or theme is read and written as text, so a
    /// synced `apps/x.ron -> ../nook.redb` would otherwise have the editor
    /// save spec text over the database, one to `.git/config` could set a
    /// command git runs, and one to `config.ron` would show private
    /// settings and push them.
    pub fn keep_out_state(mut self, home: &Path) -> Bounds {
        self.state_of = follow(home).ok();
        self
    }

    /// These bounds narrowed to `dir`, called `called` in messages
    /// (wherever the user's links among the roots put it), keeping what they
    /// keep out; nothing when `dir` itself is outside them.
    pub fn within(&self, dir: &Path, called: &'static str) -> Bounds {
        let roots = match follow(dir) {
            Ok(real) if self.holds(&real) => vec![real],
            _ => Vec::new(),
        };
        Bounds {
            roots,
            state_of: self.state_of.clone(),
            called: Some(called),
        }
    }

    fn holds(&self, real: &Path) -> bool {
        self.roots.iter().any(|r| real.starts_with(r))
    }

    /// Whether `real` is one of nook's own files (see [`Bounds::keep_out_state`]).
    fn is_state(&self, real: &Path) -> bool {
        let Some(home) = &self.state_of else {
            return false;
        };
        let in_git = self.roots.iter().chain([home]).any(|r| {
            real.strip_prefix(r)
                .is_ok_and(|rest| rest.components().any(|c| c.as_os_str() == ".git"))
        });
        let own = real.parent() == Some(home.as_path())
            && real.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(crate::paths::DATABASE)
                    || n.starts_with(crate::paths::SPEC_CACHE)
                    || n == crate::paths::CONFIG
                    || n == crate::paths::LOG
            });
        in_git || own
    }

    /// Where `path` really is, when that is inside the bounds: an existing
    /// file or folder with every link followed, or for a name not yet taken,
    /// its folder resolved and the name joined. Refused, with a message
    /// naming `path`, when it leads outside, nowhere, or in a loop.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        self.admit(path, follow(path)?)
    }

    /// [`Bounds::resolve`] of `name` in `dir`, whose links `dir_real` has
    /// followed already (`follow` of `dir`): a file that is no link is
    /// where its folder really is, so a folder's files cost no walk of
    /// the folder's path each (four `readlink`s a spec in the apps folder).
    pub fn resolve_in(
        &self,
        dir: &Path,
        dir_real: &Path,
        name: &std::ffi::OsStr,
        is_link: bool,
    ) -> Result<PathBuf, Refused> {
        let path = dir.join(name);
        if is_link || name == ".." || name == "." {
            return self.resolve(&path);
        }
        self.admit(&path, dir_real.join(name))
    }

    /// `real`, where `path` leads, when that is inside the bounds.
    fn admit(&self, path: &Path, real: PathBuf) -> Result<PathBuf, Refused> {
        let refuse = |why: String| Refused {
            path: path.to_path_buf(),
            why,
        };
        if self.is_state(&real) {
            return Err(refuse(format!(
                "{} one of nook's own files, not a spec; nook does not follow it (remove the link)",
                leads(path, &real)
            )));
        }
        if self.holds(&real) {
            return Ok(real);
        }
        Err(refuse(format!(
            "{} outside {}; nook does not follow it (move what it points to into {}, or remove the link)",
            leads(path, &real),
            self.name(),
            self.name()
        )))
    }

    fn name(&self) -> &'static str {
        self.called.unwrap_or("nook's home")
    }
}

/// `path` with every link followed; for a name not yet taken, its folder's
/// (so a root or a file that does not exist yet still has a place). A link
/// that cannot be followed (to nowhere, or a loop) is refused.
pub fn follow(path: &Path) -> Result<PathBuf, Refused> {
    let refuse = |why: String| Refused {
        path: path.to_path_buf(),
        why,
    };
    match std::fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(e) => match std::fs::symlink_metadata(path) {
            // There is a name, but following it fails.
            Ok(m) if m.is_symlink() => Err(refuse(format!(
                "{} which cannot be followed ({e}); remove the link",
                leads(path, path)
            ))),
            // Made by another process since (nooks starting together all
            // make the database): it can be followed now.
            Ok(_) => std::fs::canonicalize(path).map_err(|e| refuse(format!("cannot be read: {e}"))),
            Err(_) => {
                let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
                    return Err(refuse(e.to_string()));
                };
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                Ok(follow(dir)?.join(name))
            }
        },
    }
}

/// A path [`Bounds::resolve`] does not follow, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The path as it was named (which holds the link).
    pub path: PathBuf,
    pub why: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.why)
    }
}

impl From<Refused> for String {
    fn from(r: Refused) -> String {
        r.to_string()
    }
}

/// "a link to X" (the link's own words, quoted so no control character
/// reaches the terminal), or "it leads to X" when a folder above is the link.
fn leads(path: &Path, real: &Path) -> String {
    match std::fs::read_link(path) {
        Ok(to) => format!("a link to {:?},", to),
        Err(_) => format!("it leads to {:?},", real),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_links_inside_and_refuses_the_rest() {
        let home = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let h = home.path();
        std::fs::write(h.join("a"), "").unwrap();
        std::fs::write(out.path().join("x"), "").unwrap();
        symlink("a", h.join("in")).unwrap();
        symlink(out.path().join("x"), h.join("out")).unwrap();
        symlink(out.path(), h.join("dir")).unwrap();
        symlink(h.join("none"), h.join("dangling")).unwrap();
        let b = Bounds::new([h]);
        let real = std::fs::canonicalize(h).unwrap();
        assert_eq!(b.resolve(&h.join("in")).unwrap(), real.join("a"));
        assert_eq!(b.resolve(&h.join("new")).unwrap(), real.join("new"));
        for name in ["out", "dir", "dir/x", "dir/new", "dangling"] {
            let e = b.resolve(&h.join(name)).unwrap_err().to_string();
            assert!(
                e.contains(&h.join(name.split('/').next().unwrap()).display().to_string()),
                "{e}"
            );
        }
        // A home not made yet holds its files to be.
        let none = h.join("not-yet");
        assert_eq!(
            Bounds::new([&none]).resolve(&none.join("nook.redb")).unwrap(),
            real.join("not-yet/nook.redb")
        );
        // A home that is itself a link is the user's choice.
        let alias = out.path().join("home");
        symlink(h, &alias).unwrap();
        assert_eq!(
            Bounds::new([&alias]).resolve(&alias.join("in")).unwrap(),
            real.join("a")
        );
    }

    #[test]
    fn a_file_resolved_in_its_folder_is_refused_or_followed_as_resolve_does() {
        let home = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let h = home.path();
        let apps = h.join("apps");
        std::fs::create_dir(&apps).unwrap();
        std::fs::write(apps.join("a.ron"), "").unwrap();
        std::fs::write(h.join("nook.redb"), "").unwrap();
        std::fs::write(h.join("config.ron"), "").unwrap();
        std::fs::write(out.path().join("x.ron"), "").unwrap();
        symlink("a.ron", apps.join("in.ron")).unwrap();
        symlink(out.path().join("x.ron"), apps.join("out.ron")).unwrap();
        symlink("../nook.redb", apps.join("db.ron")).unwrap();
        symlink("nowhere.ron", apps.join("dangling.ron")).unwrap();
        // An apps folder that is a link to the home itself: its config.ron
        // is a plain file there, and still nook's own.
        let alias = out.path().join("apps-alias");
        symlink(h, &alias).unwrap();
        let b = Bounds::new([h]).keep_out_state(h);
        for dir in [apps.as_path(), h, alias.as_path()] {
            let real = follow(dir).unwrap();
            for entry in std::fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let is_link = entry.file_type().unwrap().is_symlink();
                let name = entry.file_name();
                assert_eq!(
                    b.resolve_in(dir, &real, &name, is_link),
                    b.resolve(&dir.join(&name)),
                    "{}",
                    dir.join(&name).display()
                );
            }
        }
        let config = b.resolve_in(&alias, &follow(&alias).unwrap(), "config.ron".as_ref(), false);
        assert!(config.is_err(), "{config:?}");
    }
}
