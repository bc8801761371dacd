//! Where nook keeps things: the config dir, or `NOOK_HOME` / `--home`.

use std::path::{Path, PathBuf};

pub use crate::bounds::Bounds;

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

    pub fn apps(&self) -> PathBuf {
        self.root.join("apps")
    }

    pub fn themes(&self) -> PathBuf {
        self.root.join("themes")
    }

    pub fn config(&self) -> PathBuf {
        self.root.join("config.ron")
    }

    pub fn database(&self) -> PathBuf {
        self.root.join("nook.redb")
    }

    /// Where this home's files may lead: the home, and the apps and themes
    /// folders wherever the user's own links put them. Links inside them (a
    /// remote can commit any) are followed only while they stay within.
    pub fn bounds(&self) -> Bounds {
        Bounds::new([self.root.clone(), self.apps(), self.themes()])
    }

    /// The database's path, checked before it is opened or made: a
    /// `nook.redb` that is a link leading out of the home, or to nowhere
    /// (opening would make a file there), is refused, naming the link.
    pub fn database_checked(&self) -> Result<PathBuf, String> {
        let path = self.database();
        self.bounds().resolve(&path)?;
        Ok(path)
    }
}
