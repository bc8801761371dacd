//! The first-run install of the example apps and themes shipped inside the
//! binary (their text is nook-core's `bundled`).

use std::path::Path;

pub use nook_core::bundled::{APPS, DEFAULT_CONFIG, THEMES};

/// What the first run put in place, to tell the user.
#[derive(Debug, Default, PartialEq)]
pub struct Installed {
    pub apps: usize,
    pub themes: usize,
}

/// Installs the bundled apps when there is no apps folder yet, the themes
/// when there is no themes folder, and a config file when there is none.
/// Never writes over a file that exists.
pub fn install_if_missing(home: &crate::paths::Home) -> std::io::Result<Installed> {
    let mut done = Installed::default();
    create_private_dir(&home.root)?;
    if !home.apps().exists() {
        done.apps = install(&home.apps(), APPS)?;
    }
    if !home.themes().exists() {
        done.themes = install(&home.themes(), THEMES)?;
    }
    if !home.config().exists() {
        crate::spec::save::write_if_missing(&home.config(), DEFAULT_CONFIG).map_err(std::io::Error::other)?;
    }
    Ok(done)
}

/// Fills a hidden sibling folder, then renames it into place in one step, so
/// another nook starting at the same moment sees all of the files or none.
fn install(dir: &Path, files: &[(&str, &str)]) -> std::io::Result<usize> {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.with_file_name(format!(".{name}.new-{}", std::process::id()));
    // Left over from a run that stopped half way with the same process id.
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)?;
    for (file, text) in files {
        std::fs::write(tmp.join(file), text)?;
    }
    match std::fs::rename(&tmp, dir) {
        Ok(()) => Ok(files.len()),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            // Another nook put its copy in place first.
            if dir.is_dir() { Ok(0) } else { Err(e) }
        }
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}
