//! Where nook keeps things: the config dir, or `NOOK_HOME` / `--home`.

use std::path::{Path, PathBuf};

pub use crate::bounds::Bounds;

/// nook's own files in its home (see [`Bounds::keep_out_state`]).
pub const DATABASE: &str = "nook.redb";
pub const CONFIG: &str = "config.ron";
pub const LOG: &str = "nook.log";
/// The parsed-spec cache (spec/parse_cache.rs), and its temporary files.
pub const SPEC_CACHE: &str = "nook.spec-cache";

#[derive(Clone, Debug)]
pub struct Home {
    pub root: PathBuf,
}

impl Home {
    /// `--home` wins over `NOOK_HOME`, which wins over the platform config dir
    /// (`~/.config/nook` on Linux).
    pub fn locate(flag: Option<&Path>) -> Result<Home, String> {
        if let Some(p) = flag {
            return Ok(Home {
                root: p.to_path_buf(),
            });
        }
        if let Some(p) = std::env::var_os("NOOK_HOME").filter(|p| !p.is_empty()) {
            return Ok(Home {
                root: PathBuf::from(p),
            });
        }
        directories::ProjectDirs::from("", "", "nook")
            .map(|d| Home {
                root: d.config_dir().to_path_buf(),
            })
            .ok_or_else(|| "cannot find a home directory for nook's files; set NOOK_HOME".to_string())
    }

    /// The home whose apps folder is `apps` (sync is handed the folder
    /// alone), so that it reads the folder through the same [`Home::bounds`].
    pub fn of_apps(apps: &Path) -> Home {
        Home {
            root: apps
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        }
    }

    pub fn apps(&self) -> PathBuf {
        self.root.join("apps")
    }

    pub fn themes(&self) -> PathBuf {
        self.root.join("themes")
    }

    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG)
    }

    pub fn log(&self) -> PathBuf {
        self.root.join(LOG)
    }

    /// The parsed-spec cache: nook's own, beside the database, never synced.
    pub fn spec_cache(&self) -> PathBuf {
        self.root.join(SPEC_CACHE)
    }

    /// Whether there is a database to open (or a link where it would be,
    /// which [`Home::database`] then refuses or follows).
    pub fn has_database(&self) -> bool {
        self.root.join(DATABASE).exists()
    }

    /// Where specs and themes may lead: the home, and the apps and themes
    /// folders wherever the user's own links put them, but never nook's own
    /// files. Links inside them (a remote can commit any) are followed only
    /// while they stay within.
    pub fn bounds(&self) -> Bounds {
        Bounds::new([self.root.clone(), self.apps(), self.themes()]).keep_out_state(&self.root)
    }

    /// The database's path, the only way to it, so it is always checked
    /// before it is opened or made: a `nook.redb` that is a link leading out
    /// of the home, or to nowhere (opening would make a file there), is
    /// refused, naming the link.
    pub fn database(&self) -> Result<PathBuf, String> {
        let path = self.root.join(DATABASE);
        self.own_files().resolve(&path)?;
        Ok(path)
    }

    /// `config.ron` where it really is, read only while it stays in the home.
    pub fn config_checked(&self) -> Result<PathBuf, crate::bounds::Refused> {
        self.own_files().resolve(&self.config())
    }

    /// Where nook's own files (the database, config.ron) may lead: anywhere
    /// in the home, themselves included.
    fn own_files(&self) -> Bounds {
        Bounds::new([self.root.clone()])
    }
}
