//! The apps folder: every `*.ron` spec in it, valid or not.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::diagnostic::{Diagnostic, SpecError};
use super::load::{MAX_SPEC_BYTES, closest, too_big};
use super::parse_cache::{Keep, ParseCache};
use super::stamp::Stamp;
use super::syntax::{self, Args, NodeKind, Pos};
use super::types::Spec;
use crate::bounds::Bounds;
use crate::paths::Home;

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
    /// Specs refused because another file keeps their id, by path: kept so
    /// that [`Catalog::settle_ids`] can decide again with what the store knows.
    lost: Vec<(PathBuf, Spec)>,
    /// Ids of archived specs, never suggested to a newcomer.
    reserved: HashSet<String>,
    /// The [`Listing::fingerprint`] of the files as read.
    seen: u64,
    /// How many files were read and parsed ([`Catalog::parsed`]).
    parsed: usize,
}

/// One `*.ron` file of a folder as a scan finds it, with one stat.
#[derive(Clone, Debug)]
pub struct Listed {
    pub path: PathBuf,
    /// Where it really is and its stamp, or why it cannot be read.
    found: Result<(PathBuf, Stamp), String>,
}

/// A folder's spec files, each stat-ed once: what a scan reads, and what the
/// TUI's watcher compares with the last scan's to see a change.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    files: Vec<Listed>,
}

impl Listing {
    /// The `*.ron` files of `dir` by name (hidden files and folders are
    /// skipped); a file that is a link is followed only within `bounds`.
    pub fn of(dir: &Path, bounds: &Bounds) -> std::io::Result<Listing> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let shown = name.to_string_lossy();
            if shown.starts_with('.') || !shown.ends_with(".ron") {
                continue;
            }
            // The kind the folder's listing gives (no stat where it can).
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                continue;
            }
            names.push((name, kind.is_symlink()));
        }
        names.sort();
        // The folder's links followed once, not once a file.
        let real = crate::bounds::follow(dir).ok();
        let files = names
            .iter()
            .map(|(name, is_link)| {
                let path = dir.join(name);
                let found = match &real {
                    Some(real) => bounds.resolve_in(dir, real, name, *is_link),
                    None => bounds.resolve(&path),
                };
                listed(path, found)
            })
            .collect();
        Ok(Listing { files })
    }

    /// Names, sizes, times and inodes, hashed: another listing of the same
    /// files gives the same number.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for l in &self.files {
            l.path.file_name().hash(&mut h);
            l.found.as_ref().map(|(_, stamp)| stamp).hash(&mut h);
        }
        h.finish()
    }
}

/// Resolves and stats one spec file.
fn list_one(path: &Path, bounds: &Bounds) -> Listed {
    listed(path.to_path_buf(), bounds.resolve(path))
}

/// The file at `path`, resolved to `real` (or refused), stat-ed.
fn listed(path: PathBuf, real: Result<PathBuf, crate::bounds::Refused>) -> Listed {
    let found = match real {
        Err(refused) => Err(refused.why),
        Ok(real) => match std::fs::metadata(&real) {
            Ok(m) => Ok((real, Stamp::of(&m))),
            Err(e) => Err(format!("cannot read the file: {e}")),
        },
    };
    Listed { path, found }
}

/// What the files alone cannot say about ids, given by a caller that has
/// read the store (the spec layer never opens it).
#[derive(Clone, Debug, Default)]
pub struct Claims {
    /// The kind of the data held under an id.
    pub data: HashMap<String, super::StoredKind>,
    /// Ids with any stored history: never suggested to a newcomer.
    pub used: HashSet<String>,
}

/// Reads one spec file, refusing huge files before reading them whole, and
/// a link that leads out of `bounds` before reading anything through it.
pub fn read_entry(path: &Path, bounds: &Bounds) -> Entry {
    parse(&list_one(path, bounds))
}

/// Reads and checks a listed file.
fn parse(listed: &Listed) -> Entry {
    let path = &listed.path;
    let display = path.display().to_string();
    let fail = |message: String| Entry {
        path: path.to_path_buf(),
        spec: Err(SpecError {
            path: display.clone(),
            diagnostics: vec![Diagnostic::new(Pos { line: 1, col: 1 }, message)],
        }),
    };
    let (real, stamp) = match &listed.found {
        Ok(found) => found,
        Err(why) => return fail(why.clone()),
    };
    if stamp.len > MAX_SPEC_BYTES as u64 {
        return fail(too_big(stamp.len));
    }
    let bytes = match std::fs::read(real) {
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
fn read_all(files: &[&Listed]) -> Vec<Entry> {
    const PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len() / PER_THREAD);
    if threads < 2 {
        return files.iter().map(|l| parse(l)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|s| {
        let parts: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|l| parse(l)).collect::<Vec<_>>()))
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

/// When a file was last written, where the system says.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `keeper` as a user finds it from `other`: its file name when both are in
/// one folder, else its whole path.
fn beside(keeper: &Path, other: &Path) -> String {
    match keeper.file_name() {
        Some(name) if keeper.parent() == other.parent() => name.to_string_lossy().into_owned(),
        _ => keeper.display().to_string(),
    }
}

/// An id for the app in file `stem` that clashes on `id`: the one its file
/// name gives, else `id`, counted on (`-2`, `-3`, ...) past every id in `used`.
fn free_id(stem: &str, id: &str, used: &HashSet<String>) -> String {
    let base = super::slug::from_stem(stem)
        .filter(|s| super::slug::check(s).is_ok())
        .unwrap_or_else(|| id.to_string());
    if !used.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let tail = format!("-{n}");
            let head: String = base.chars().take(64 - tail.len()).collect();
            head + &tail
        })
        .find(|c| !used.contains(c))
        .expect("some number is free")
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

/// The entries of `listing`: from `cache` where it holds a file's spec for
/// the stamp listed (under `key` and the file's name), the others read and
/// parsed; and, for each, whether it was parsed now.
fn read_listed(listing: &Listing, cache: Option<&mut ParseCache>, key: &str) -> (Vec<Entry>, Vec<bool>) {
    let mut cached: Vec<Option<Entry>> = match cache {
        None => listing.files.iter().map(|_| None).collect(),
        Some(cache) => listing
            .files
            .iter()
            .map(|l| {
                let (_, stamp) = l.found.as_ref().ok()?;
                let name = l.path.file_name()?.to_str()?;
                let spec = cache.take(&format!("{key}{name}"), stamp)?;
                Some(Entry {
                    path: l.path.clone(),
                    spec: Ok(spec),
                })
            })
            .collect(),
    };
    let missed: Vec<&Listed> = listing
        .files
        .iter()
        .zip(&cached)
        .filter(|(_, c)| c.is_none())
        .map(|(l, _)| l)
        .collect();
    let fresh: Vec<bool> = cached.iter().map(Option::is_none).collect();
    let mut parsed = read_all(&missed).into_iter();
    let entries = cached
        .iter_mut()
        .map(|c| {
            c.take()
                .or_else(|| parsed.next())
                .expect("an entry for every file missed")
        })
        .collect();
    (entries, fresh)
}

/// What of `entries` (read from `listing`) the cache keeps: every valid
/// spec whose stamp says its content, under `key` and its file's name.
fn to_keep<'a>(
    listing: &'a Listing,
    entries: &'a [Entry],
    fresh: &[bool],
    key: &str,
    now: SystemTime,
) -> Vec<Keep<'a>> {
    listing
        .files
        .iter()
        .zip(entries)
        .zip(fresh)
        .filter_map(|((l, e), &fresh)| {
            let (_, stamp) = l.found.as_ref().ok()?;
            let spec = e.spec.as_ref().ok()?;
            let name = l.path.file_name()?.to_str()?;
            (!fresh || stamp.settled(now)).then(|| Keep {
                file: format!("{key}{name}"),
                stamp,
                spec,
                fresh,
            })
        })
        .collect()
}

impl Catalog {
    /// Scans `dir` for `*.ron` files (hidden files and folders are skipped);
    /// a file that is a link is read only if it stays within `bounds`.
    pub fn scan(dir: &Path, bounds: &Bounds) -> std::io::Result<Catalog> {
        Ok(Catalog::read(dir, bounds, &Listing::of(dir, bounds)?, None))
    }

    /// The apps folder of `home`, through the parsed-spec cache beside its
    /// database: a spec file unchanged since the last scan is not parsed.
    pub fn of_home(home: &Home) -> std::io::Result<Catalog> {
        Catalog::of_home_at(home, crate::model::now::system_time())
    }

    /// [`Catalog::of_home`] with the clock at `now`, which says which files
    /// changed too recently for their stamp to be kept.
    pub(crate) fn of_home_at(home: &Home, now: SystemTime) -> std::io::Result<Catalog> {
        let bounds = home.bounds();
        let listing = Listing::of(&home.apps(), &bounds)?;
        Ok(Catalog::read(
            &home.apps(),
            &bounds,
            &listing,
            Some((&home.spec_cache(), now)),
        ))
    }

    /// [`Catalog::of_home`] for files already listed.
    pub fn of_listing(home: &Home, listing: &Listing) -> Catalog {
        let now = crate::model::now::system_time();
        Catalog::read(
            &home.apps(),
            &home.bounds(),
            listing,
            Some((&home.spec_cache(), now)),
        )
    }

    /// The catalog of `listing`, the files of `dir`, through the cache
    /// file given when there is one, with the clock at the time given
    /// (rewritten when it did not hold exactly these files' specs).
    fn read(dir: &Path, bounds: &Bounds, listing: &Listing, cached: Option<(&Path, SystemTime)>) -> Catalog {
        let mut cache = cached.map(|(at, _)| ParseCache::load(at));
        // Links to an archived app are no mistake: they show "(deleted)"
        // until it is restored.
        let is_archive = dir.file_name().is_some_and(|n| n == super::archive::DIR);
        let archive = (!is_archive && dir.join(super::archive::DIR).is_dir())
            .then(|| super::archive::listing(dir, bounds))
            .flatten()
            .unwrap_or_default();
        let archive_key = format!("{}/", super::archive::DIR);
        let (archived_entries, archived_fresh) = read_listed(&archive, cache.as_mut(), &archive_key);
        let (entries, fresh) = read_listed(listing, cache.as_mut(), "");
        let parsed = fresh.iter().chain(&archived_fresh).filter(|f| **f).count();
        if let (Some((at, now)), Some(cache)) = (cached, &cache) {
            let mut keep = to_keep(&archive, &archived_entries, &archived_fresh, &archive_key, now);
            keep.extend(to_keep(listing, &entries, &fresh, "", now));
            // Every spec kept came from the file, and it held no other.
            let hits = fresh.iter().chain(&archived_fresh).filter(|f| !**f).count();
            if keep.len() != hits || hits != cache.held() {
                ParseCache::save(at, &keep);
            }
        }
        // The archive's ids as a scan of its folder gives them.
        let archived: Vec<String> = Catalog::from_entries(archived_entries)
            .entries
            .iter()
            .map(super::archive::entry_id)
            .collect();
        let mut catalog = Catalog {
            entries,
            seen: listing.fingerprint(),
            parsed,
            ..Catalog::default()
        };
        catalog.settle_ids(&Claims::default());
        catalog.check_links(&archived);
        catalog.reserve_archived(is_archive, archived);
        catalog
    }

    /// The [`Listing::fingerprint`] of the files this catalog was read from.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// How many files the scan parsed, the archive's too; the others came
    /// from the cache.
    pub fn parsed(&self) -> usize {
        self.parsed
    }

    /// Builds a catalog, marking every spec whose id another file keeps.
    pub fn from_entries(entries: Vec<Entry>) -> Catalog {
        let mut c = Catalog {
            entries,
            ..Catalog::default()
        };
        c.settle_ids(&Claims::default());
        c.check_links(&[]);
        c
    }

    /// Refuses every spec whose Link or Rollup fields name what the other
    /// specs do not have (`spec::links::check`), at the key; a link to one
    /// of `archived` (ids) is left alone.
    fn check_links(&mut self, archived: &[String]) {
        let mut broken: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.spec.is_err())
            .map(Entry::stem)
            .collect();
        broken.extend(archived.iter().cloned());
        let broken: Vec<&str> = broken.iter().map(String::as_str).collect();
        let specs: Vec<&Spec> = self.specs().collect();
        let problems = super::links::check(&specs, &broken);
        if problems.is_empty() {
            return;
        }
        for e in &mut self.entries {
            let Ok(spec) = &e.spec else { continue };
            let mine: Vec<Diagnostic> = problems
                .iter()
                .filter(|(id, _)| *id == spec.id)
                .map(|(_, d)| d.clone())
                .collect();
            if !mine.is_empty() {
                e.spec = Err(SpecError {
                    path: e.path.display().to_string(),
                    diagnostics: mine,
                });
            }
        }
    }

    /// Whether some spec was refused because another file keeps its id.
    pub fn has_clashes(&self) -> bool {
        !self.lost.is_empty()
    }

    /// Decides, for every id that several specs write, which one keeps it:
    /// the one whose kind the stored data is, else the file named after the
    /// id, else the older file, else the first by name. Every other one is
    /// refused with an id that no spec, archived spec or stored data uses.
    /// Called again with new `claims`, it decides afresh.
    pub fn settle_ids(&mut self, claims: &Claims) {
        for (path, spec) in std::mem::take(&mut self.lost) {
            if let Some(e) = self
                .entries
                .iter_mut()
                .find(|e| e.path == path && e.spec.is_err())
            {
                e.spec = Ok(spec);
            }
        }
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Ok(spec) = &e.spec {
                groups.entry(&spec.id).or_default().push(i);
            }
        }
        let clashes: Vec<(String, Vec<usize>)> = groups
            .into_iter()
            .filter(|(_, g)| g.len() > 1)
            .map(|(id, g)| (id.to_string(), g))
            .collect();
        if clashes.is_empty() {
            return;
        }
        let mut used: HashSet<String> = self.entries.iter().map(super::archive::entry_id).collect();
        used.extend(claims.data.keys().cloned());
        used.extend(claims.used.iter().cloned());
        used.extend(self.reserved.iter().cloned());
        for (id, group) in clashes {
            let rank = |i: usize| {
                let e = &self.entries[i];
                let owns = e
                    .spec
                    .as_ref()
                    .is_ok_and(|s| claims.data.get(&id).is_some_and(|k| k.is(s.kind.tag())));
                let stem = e.stem();
                let named = stem == id || super::slug::from_stem(&stem).as_deref() == Some(id.as_str());
                let age = modified(&e.path);
                (!owns, !named, age.is_none(), age, i)
            };
            let keep = group
                .iter()
                .copied()
                .min_by_key(|&i| rank(i))
                .expect("a clash has files");
            let keeper = self.entries[keep].path.clone();
            for i in group.into_iter().filter(|&i| i != keep) {
                let e = &mut self.entries[i];
                let free = free_id(&e.stem(), &id, &used);
                used.insert(free.clone());
                let message = format!(
                    "the id {} is taken by {}; give this app its own, such as id: {}",
                    syntax::quote(&id),
                    beside(&keeper, &e.path),
                    syntax::quote(&free),
                );
                let refused = Err(SpecError {
                    path: e.path.display().to_string(),
                    diagnostics: vec![Diagnostic::new(id_pos(&e.path), message)],
                });
                if let Ok(spec) = std::mem::replace(&mut e.spec, refused) {
                    self.lost.push((e.path.clone(), spec));
                }
            }
        }
    }

    /// Notes the ids of the specs archived beside the folder (`archived`;
    /// none for the archive itself), so no newcomer is told to take one
    /// (only needed when ids clash).
    fn reserve_archived(&mut self, is_archive: bool, archived: Vec<String>) {
        if !self.has_clashes() || is_archive {
            return;
        }
        // An archive folder that leads out of bounds reserves nothing.
        self.reserved = archived.into_iter().collect();
        self.settle_ids(&Claims::default());
    }

    pub fn specs(&self) -> impl Iterator<Item = &Spec> {
        self.entries.iter().filter_map(|e| e.spec.as_ref().ok())
    }

    /// Finds an app by id, file name or name (case-insensitive), valid or not.
    pub fn find(&self, query: &str) -> Result<&Spec, String> {
        let stems: Vec<String> = self.entries.iter().map(Entry::stem).collect();
        let named = self.entries.iter().zip(&stems).map(|(e, stem)| {
            let spec = e.spec.as_ref().ok();
            AppName {
                id: spec.map(|s| s.id.as_str()),
                stem,
                name: spec.map(|s| s.name.as_str()),
            }
        });
        match position_of(query, &named.collect::<Vec<_>>()).map(|i| &self.entries[i]) {
            Some(Entry { spec: Ok(spec), .. }) => Ok(spec),
            Some(Entry { spec: Err(e), .. }) => Err(format!("the app {query:?} has an invalid spec:\n{e}")),
            None => {
                let mut names: Vec<&str> = self.specs().map(|s| s.id.as_str()).collect();
                names.extend(self.specs().map(|s| s.name.as_str()));
                Err(no_app(query, &names))
            }
        }
    }
}

/// What names an app: its id and name when its spec reads, and its file
/// name (without `.ron`) always.
pub struct AppName<'a> {
    pub id: Option<&'a str>,
    pub stem: &'a str,
    pub name: Option<&'a str>,
}

/// Which of `apps` `query` names, as every command finds an app: an id
/// exactly, else a file name, else a name, both in any case.
pub fn position_of(query: &str, apps: &[AppName]) -> Option<usize> {
    let q = query.to_lowercase();
    apps.iter()
        .position(|a| a.id == Some(query))
        .or_else(|| apps.iter().position(|a| a.stem.to_lowercase() == q))
        .or_else(|| {
            apps.iter()
                .position(|a| a.name.is_some_and(|n| n.to_lowercase() == q))
        })
}

/// The message for a `query` that names none of the apps called `names`.
pub fn no_app(query: &str, names: &[&str]) -> String {
    match closest(query, names) {
        Some(n) => format!("no app called {query:?}; did you mean {n:?}? (`nook ls` lists them)"),
        None => format!("no app called {query:?} (`nook ls` lists them)"),
    }
}

/// Marks every spec whose kind differs from its stored data as invalid,
/// pointing at the kind word.
pub fn mark(r: &crate::store::Reader, catalog: &mut Catalog) -> Result<(), crate::store::StoreError> {
    // Of specs that share an id, the one whose kind the data is keeps it.
    if catalog.has_clashes()
        && let Ok(stored) = r.stored_apps()
    {
        let mut claims = Claims::default();
        for s in stored {
            if let Some(held) = s.held {
                claims.data.insert(s.id.clone(), held.kind);
            }
            claims.used.insert(s.id);
        }
        catalog.settle_ids(&claims);
    }
    for e in &mut catalog.entries {
        let Ok(spec) = &e.spec else { continue };
        // A record that cannot be read is reported by whatever reads it for
        // real; it must not stop every other app from being listed.
        if let Ok(Some(message)) = r.kind_conflict(spec) {
            e.spec = Err(SpecError {
                path: e.path.display().to_string(),
                diagnostics: vec![Diagnostic::new(kind_pos(&e.path), message)],
            });
        }
    }
    Ok(())
}
