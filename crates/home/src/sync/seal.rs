//! Sealing app data for the sync remote. With a sync secret, every operation
//! line nook puts in the apps folder's data files is encrypted and
//! authenticated (XChaCha20-Poly1305, a random nonce per record) with a key
//! derived (Argon2id) from the secret and the folder's salt, so the git host
//! sees only ciphertext. `seal.json` in the data folder holds the salt and a
//! check record, so a wrong secret is told before anything is imported.
//!
//! Everything read here may have arrived through sync: the header is size-
//! bounded, links are refused, and a record that does not open is an error
//! naming where it was, never a guess.

use std::ffi::OsString;
use std::fmt;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use base64ct::{Base64UrlUnpadded as B64, Encoding};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

/// Every sealed line starts with this: the format's version, so that a
/// later format can sit beside it. The rest is URL-safe base64 (no `.`).
pub const PREFIX: &str = "n1.";
/// The folder's header, in the data folder.
pub const HEADER: &str = "seal.json";
/// The environment variable that holds the secret; it wins over secret_file.
pub const ENV: &str = "NOOK_SYNC_SECRET";

const FORMAT: &str = "n1";
/// The key derivation, pinned (not the crate's defaults, which may change
/// with a release and would then make every folder's secret "wrong").
const KDF: &str = "argon2id-v19 m=19456 t=2 p=1";
const M_COST: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;
/// Bound to every record, so a record of another format never opens as n1.
const AAD: &[u8] = b"nook seal n1";
/// The known plaintext of the header's check record.
const CHECK: &[u8] = b"nook sync secret check";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// A header is a few hundred bytes; a bigger one is not read.
const MAX_HEADER: u64 = 64 * 1024;
/// A secret is one line; a bigger file is not a secret file.
const MAX_SECRET: u64 = 64 * 1024;

/// The user's sync secret. Its Debug never prints it.
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The key derived from a secret and a folder's salt (32 bytes, cheap to
/// clone). Its Debug never prints it.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl Key {
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(..)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(
        "the sync secret does not match the one this folder's data was sealed with; \
         use the same {ENV} (or secret_file) as on your other machines"
    )]
    WrongSecret,
    #[error(
        "this folder's data is sealed, but this machine has no sync secret; set {ENV}, \
         or sync: (secret_file: \"PATH\") in config.ron, to the secret your other machines use"
    )]
    NoSecret,
    #[error(
        "this machine has a sync secret, but this folder's data was synced without one, \
         so nook will not mix sealed records into it; unset {ENV} and secret_file to keep \
         syncing it as plain text"
    )]
    Plain,
    #[error(
        "{what}: this sealed record does not open with the folder's key; it was changed \
         or cut short after it was sealed"
    )]
    Damaged { what: String },
    /// The folder's header (or the data folder itself) cannot be used.
    #[error("{}: {detail}", path.display())]
    Header { path: PathBuf, detail: String },
    #[error("the sync secret file {} {detail}", path.display())]
    SecretFile { path: PathBuf, detail: String },
    #[error("{ENV} {detail}")]
    SecretEnv { detail: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl SealError {
    /// Names where a damaged record was (`"apps/.nook/data/laptop/2026-05.ops:12"`);
    /// any other error is returned as it is.
    pub fn at(self, place: impl Into<String>) -> SealError {
        match self {
            SealError::Damaged { .. } => SealError::Damaged { what: place.into() },
            other => other,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SealError + '_ {
    move |source| SealError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The key for `secret` in a folder whose salt is `salt`. The salt is at
/// least 8 bytes (a header's is checked when it is read; [`Lock`] makes 16).
pub fn derive(secret: &Secret, salt: &[u8]) -> Key {
    let params =
        argon2::Params::new(M_COST, T_COST, P_COST, Some(32)).expect("constant parameters are valid");
    let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    kdf.hash_password_into(secret.0.as_bytes(), salt, &mut key)
        .expect("a salt of at least 8 bytes and a 32-byte key are valid");
    Key(key)
}

/// `plain` sealed into one line of printable ASCII (no newline): `n1.` and
/// the base64 of a fresh random nonce, the ciphertext and its tag.
///
/// Panics only if the operating system gives no random bytes: sealing with
/// a nonce that is not random could reveal the data, so it never does.
pub fn seal(key: &Key, plain: &[u8]) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).expect("the operating system gave no random bytes for a nonce");
    let sealed = key
        .cipher()
        .encrypt(&XNonce::from(nonce), Payload { msg: plain, aad: AAD })
        .expect("a record held in memory is far below the cipher's limit");
    let mut raw = Vec::with_capacity(NONCE_LEN + sealed.len());
    raw.extend_from_slice(&nonce);
    raw.extend_from_slice(&sealed);
    format!("{PREFIX}{}", B64::encode_string(&raw))
}

/// The plaintext of a line [`seal`] made with `key` (a trailing newline is
/// ignored). Anything else (changed, cut short, not sealed, sealed with
/// another key) is [`SealError::Damaged`]; name the place with
/// [`SealError::at`].
pub fn open(key: &Key, line: &str) -> Result<Vec<u8>, SealError> {
    let damaged = || SealError::Damaged {
        what: "a sealed record".into(),
    };
    let body = line
        .trim_end_matches(['\n', '\r'])
        .strip_prefix(PREFIX)
        .ok_or_else(damaged)?;
    let raw = B64::decode_vec(body).map_err(|_| damaged())?;
    if raw.len() < NONCE_LEN + TAG_LEN {
        return Err(damaged());
    }
    let (nonce, sealed) = raw.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| damaged())?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: AAD,
            },
        )
        .map_err(|_| damaged())
}

/// The folder's header (`seal.json`): the salt every machine derives its
/// key with, and a check record sealed with that key.
#[derive(Clone, Debug, PartialEq)]
pub struct Lock {
    pub salt: Vec<u8>,
    pub check: String,
}

/// `seal.json` as written: plain and small, so the git host sees the salt
/// (which is not a secret) and nothing else.
#[derive(Serialize, Deserialize)]
struct LockFile {
    format: String,
    kdf: String,
    salt: String,
    check: String,
}

impl Lock {
    /// A new header for `secret`: a random salt, and the key it gives.
    pub fn new(secret: &Secret) -> Result<(Lock, Key), SealError> {
        let mut salt = vec![0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|e| SealError::Io {
            path: PathBuf::from("the operating system's random number generator"),
            source: std::io::Error::other(e.to_string()),
        })?;
        let key = derive(secret, &salt);
        let check = seal(&key, CHECK);
        Ok((Lock { salt, check }, key))
    }

    /// The key for `secret`, once the check record opens with it.
    pub fn key(&self, secret: &Secret) -> Result<Key, SealError> {
        let key = derive(secret, &self.salt);
        match open(&key, &self.check) {
            Ok(plain) if plain == CHECK => Ok(key),
            _ => Err(SealError::WrongSecret),
        }
    }

    /// The header of the data folder `dir`, if it has one. A link, a folder
    /// or a file that is not a header of a format this nook knows is refused.
    pub fn read(dir: &Path) -> Result<Option<Lock>, SealError> {
        let path = dir.join(HEADER);
        let bad = |detail: String| SealError::Header {
            path: path.clone(),
            detail,
        };
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(&path)(e)),
        };
        if meta.file_type().is_symlink() {
            return Err(bad(
                "is a symbolic link; nook does not follow links in synced data".into(),
            ));
        }
        if !meta.is_file() {
            return Err(bad("is not a file".into()));
        }
        if meta.len() > MAX_HEADER {
            return Err(bad(format!(
                "is larger than {} KiB; it is not a seal header",
                MAX_HEADER / 1024
            )));
        }
        let mut text = String::new();
        std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_HEADER).read_to_string(&mut text))
            .map_err(io(&path))?;
        let file: LockFile =
            serde_json::from_str(&text).map_err(|e| bad(format!("is not a seal header: {e}")))?;
        if file.format != FORMAT || file.kdf != KDF {
            return Err(bad(format!(
                "was written by a newer nook (format {:?}, key derivation {:?}); update nook on this machine",
                file.format, file.kdf
            )));
        }
        let salt = B64::decode_vec(&file.salt)
            .ok()
            .filter(|s| (SALT_LEN..=64).contains(&s.len()))
            .ok_or_else(|| bad("holds no valid salt".into()))?;
        Ok(Some(Lock {
            salt,
            check: file.check,
        }))
    }

    /// Writes this header into `dir` unless one is there already, atomically
    /// (a temporary file linked into place, so a reader never sees half a
    /// header and two first writers cannot both win). Returns the header
    /// another process wrote first, if one did.
    pub fn write(&self, dir: &Path) -> Result<Option<Lock>, SealError> {
        let path = dir.join(HEADER);
        let text = serde_json::to_string_pretty(&LockFile {
            format: FORMAT.into(),
            kdf: KDF.into(),
            salt: B64::encode_string(&self.salt),
            check: self.check.clone(),
        })
        .expect("a header serializes");
        let mut tag = [0u8; 8];
        let _ = getrandom::fill(&mut tag);
        let tmp = dir.join(format!(
            ".{HEADER}.{}.{}.tmp",
            std::process::id(),
            B64::encode_string(&tag)
        ));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| {
                f.write_all(text.as_bytes())?;
                f.write_all(b"\n")?;
                f.sync_all()
            });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(&tmp)(e));
        }
        // A hard link does not replace a header that is there already; where
        // the file system has no links, a rename does (the last one wins).
        let placed = match std::fs::hard_link(&tmp, &path) {
            Ok(()) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Lock::read(dir).map(|l| l.filter(|l| l != self))
            }
            Err(_) => std::fs::rename(&tmp, &path).map(|()| None).map_err(io(&path)),
        };
        let _ = std::fs::remove_file(&tmp);
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        placed
    }
}

/// Refuses a data folder (or the `.nook` folder holding it) that is a link:
/// sync could have put one there to lead reads and writes out of the folder.
fn refuse_links(dir: &Path) -> Result<(), SealError> {
    for p in [Some(dir), dir.parent().filter(|p| !p.as_os_str().is_empty())]
        .into_iter()
        .flatten()
    {
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(SealError::Header {
                    path: p.to_path_buf(),
                    detail: "is a symbolic link; nook does not follow links in synced data".into(),
                });
            }
            Ok(m) if !m.is_dir() => {
                return Err(SealError::Header {
                    path: p.to_path_buf(),
                    detail: "is not a folder".into(),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// What the data files under `dir/*/` hold: plain lines, sealed lines.
#[derive(Default)]
struct Found {
    plain: bool,
    sealed: bool,
}

/// Reads the `*.ops` files of every device folder in `dir`, stopping at a
/// file's first plain line. Links are not followed (they are not data).
fn scan(dir: &Path) -> Result<Found, SealError> {
    let mut found = Found::default();
    let devices = match std::fs::read_dir(dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(io(dir)(e)),
    };
    for device in devices {
        let device = device.map_err(io(dir))?;
        if !device.file_type().map_err(io(&device.path()))?.is_dir() {
            continue;
        }
        let folder = device.path();
        for file in std::fs::read_dir(&folder).map_err(io(&folder))? {
            let file = file.map_err(io(&folder))?;
            let path = file.path();
            if path.extension().is_none_or(|e| e != "ops") || !file.file_type().map_err(io(&path))?.is_file()
            {
                continue;
            }
            let mut reader = std::io::BufReader::new(std::fs::File::open(&path).map_err(io(&path))?);
            let mut line = Vec::new();
            loop {
                line.clear();
                if reader.read_until(b'\n', &mut line).map_err(io(&path))? == 0 {
                    break;
                }
                if line.trim_ascii().is_empty() {
                    continue;
                }
                if line.starts_with(PREFIX.as_bytes()) {
                    found.sealed = true;
                } else {
                    found.plain = true;
                    break;
                }
            }
        }
    }
    Ok(found)
}

/// The key for the data folder `dir` (`apps/.nook/data`), or `None` for a
/// plain sync. Decided before anything is imported:
/// - a header and the right secret: its key; a wrong secret: `WrongSecret`;
///   no secret: `NoSecret`;
/// - no header and no secret: `None`;
/// - no header, a secret, and plain data files: `Plain`; no data yet: this
///   machine seals the folder (writes the header) and gets the new key.
pub fn load_or_create(dir: &Path, secret: Option<&Secret>) -> Result<Option<Key>, SealError> {
    refuse_links(dir)?;
    if let Some(lock) = Lock::read(dir)? {
        return match secret {
            Some(s) => lock.key(s).map(Some),
            None => Err(SealError::NoSecret),
        };
    }
    let found = scan(dir)?;
    if found.sealed {
        return Err(SealError::Header {
            path: dir.join(HEADER),
            detail: "is missing, but the data files beside it are sealed; restore it from the \
                     folder's git history rather than start a new one"
                .into(),
        });
    }
    let Some(secret) = secret else { return Ok(None) };
    if found.plain {
        return Err(SealError::Plain);
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    refuse_links(dir)?;
    let (lock, key) = Lock::new(secret)?;
    match lock.write(dir)? {
        None => Ok(Some(key)),
        // Another nook sealed the folder first: join its header.
        Some(theirs) => theirs.key(secret).map(Some),
    }
}

/// This machine's sync secret: `NOOK_SYNC_SECRET` when it is set and not
/// empty, else the `secret_file` of config.ron, else none.
pub fn secret(
    home: &crate::paths::Home,
    config: &crate::config::Config,
) -> Result<Option<Secret>, SealError> {
    choose_secret(
        std::env::var_os(ENV),
        &home.root,
        config.sync.secret_file.as_deref(),
    )
}

/// [`secret`] with the environment's value passed in. A relative
/// `secret_file` is relative to nook's home; `~` is not expanded (said so
/// rather than looking for a folder named `~`).
fn choose_secret(
    env: Option<OsString>,
    home: &Path,
    file: Option<&str>,
) -> Result<Option<Secret>, SealError> {
    if let Some(value) = env.filter(|v| !v.is_empty()) {
        return match value.into_string() {
            Ok(text) => Ok(Some(Secret(text))),
            Err(_) => Err(SealError::SecretEnv {
                detail: "is not valid UTF-8 text".into(),
            }),
        };
    }
    let Some(file) = file else { return Ok(None) };
    let path = home.join(file);
    let bad = |detail: String| SealError::SecretFile {
        path: path.clone(),
        detail,
    };
    if file == "~" || file.starts_with("~/") {
        return Err(bad(
            "starts with ~, which nook does not expand; write the full path, or one relative to nook's home"
                .into(),
        ));
    }
    let meta = std::fs::metadata(&path).map_err(|e| bad(format!("cannot be read: {e}")))?;
    if !meta.is_file() {
        return Err(bad("is not a file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(bad(format!(
                "can be read or written by other users (mode {mode:04o}); nook uses it only at \
                 mode 0600: chmod 600 {}",
                path.display()
            )));
        }
    }
    if meta.len() > MAX_SECRET {
        return Err(bad(format!(
            "is larger than {} KiB; it should hold one line",
            MAX_SECRET / 1024
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("cannot be read: {e}")))?;
    let text = text.trim_end_matches(['\n', '\r']);
    if text.is_empty() {
        return Err(bad("is empty".into()));
    }
    Ok(Some(Secret(text.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        derive(&Secret::new("correct horse"), b"0123456789abcdef")
    }

    #[test]
    fn a_sealed_line_opens_to_what_was_sealed() {
        let k = key();
        for plain in [&b""[..], b"oat milk", &[0u8, 255, 10, 13][..], &vec![7u8; 10_000]] {
            let line = seal(&k, plain);
            assert!(line.starts_with(PREFIX), "{line}");
            assert!(line.bytes().all(|b| b.is_ascii_graphic()), "{line}");
            assert_eq!(open(&k, &line).unwrap(), plain);
            assert_eq!(open(&k, &format!("{line}\n")).unwrap(), plain);
        }
        // A fresh nonce each time: the same record never seals the same way.
        assert_ne!(seal(&k, b"oat milk"), seal(&k, b"oat milk"));
    }

    #[test]
    fn a_sealed_line_shows_nothing_of_the_plaintext() {
        let line = seal(&key(), b"oat milk");
        assert!(!line.contains("oat milk"), "{line}");
        for encode in [
            base64ct::Base64::encode_string,
            base64ct::Base64Unpadded::encode_string,
            base64ct::Base64Url::encode_string,
            base64ct::Base64UrlUnpadded::encode_string,
        ] {
            // The whole text, and any run of it long enough to mean something.
            let full = encode(b"oat milk");
            assert!(!line.contains(full.trim_end_matches('=')), "{line} holds {full}");
        }
        let raw = B64::decode_vec(line.strip_prefix(PREFIX).unwrap()).unwrap();
        assert!(!raw.windows(4).any(|w| b"oat milk".windows(4).any(|p| p == w)));
    }

    #[test]
    fn a_changed_byte_is_damaged_and_named_where_it_was() {
        let k = key();
        let line = seal(&k, b"oat milk");
        for i in 0..line.len() {
            let mut bytes = line.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            let e = open(&k, &changed).unwrap_err().at("laptop/2026-05.ops:3");
            assert!(matches!(e, SealError::Damaged { .. }), "byte {i}: {e:?}");
            assert!(e.to_string().starts_with("laptop/2026-05.ops:3: "), "{e}");
        }
        // Cut short, empty, not sealed, sealed with another key.
        let other = derive(&Secret::new("correct horse"), b"another salt....");
        for bad in [
            &line[..line.len() - 1],
            "",
            "n1.",
            "{\"op\":1}",
            &seal(&other, b"oat milk"),
        ] {
            assert!(matches!(open(&k, bad), Err(SealError::Damaged { .. })), "{bad}");
        }
    }

    #[test]
    fn a_key_is_the_secret_and_the_salt() {
        let s = Secret::new("correct horse");
        let line = seal(&derive(&s, b"0123456789abcdef"), b"x");
        assert_eq!(open(&derive(&s, b"0123456789abcdef"), &line).unwrap(), b"x");
        assert!(open(&derive(&Secret::new("correct horsf"), b"0123456789abcdef"), &line).is_err());
        assert!(format!("{s:?} {:?}", key()).find("horse").is_none());
    }

    fn data() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn ops(dir: &Path, device: &str, text: &str) {
        std::fs::create_dir_all(dir.join(device)).unwrap();
        std::fs::write(dir.join(device).join("2026-05.ops"), text).unwrap();
    }

    #[test]
    fn the_first_sealed_machine_writes_the_header_and_the_others_join() {
        let d = data();
        let s = Secret::new("correct horse");
        let a = load_or_create(d.path(), Some(&s)).unwrap().unwrap();
        let text = std::fs::read_to_string(d.path().join(HEADER)).unwrap();
        assert!(!text.contains("correct horse"), "{text}");
        // No temporary file is left beside it.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        let line = seal(&a, b"oat milk");
        let b = load_or_create(d.path(), Some(&Secret::new("correct horse")))
            .unwrap()
            .unwrap();
        assert_eq!(open(&b, &line).unwrap(), b"oat milk");
        // The header is kept, not written anew.
        assert_eq!(std::fs::read_to_string(d.path().join(HEADER)).unwrap(), text);
    }

    #[test]
    fn a_wrong_secret_is_told_before_any_record_is_read() {
        let d = data();
        load_or_create(d.path(), Some(&Secret::new("correct horse"))).unwrap();
        // A record that would be Damaged if it were read: the secret is told first.
        ops(d.path(), "laptop", "n1.AAAA\n");
        let e = load_or_create(d.path(), Some(&Secret::new("wrong horse"))).unwrap_err();
        assert!(matches!(e, SealError::WrongSecret), "{e:?}");
        assert!(e.to_string().contains("does not match"), "{e}");
    }

    #[test]
    fn no_secret_before_a_sealed_folder_is_told_so() {
        let d = data();
        load_or_create(d.path(), Some(&Secret::new("correct horse"))).unwrap();
        let e = load_or_create(d.path(), None).unwrap_err();
        assert!(matches!(e, SealError::NoSecret), "{e:?}");
        assert!(
            e.to_string().contains("NOOK_SYNC_SECRET") && e.to_string().contains("secret_file"),
            "{e}"
        );
    }

    #[test]
    fn a_secret_before_plain_data_is_told_so_and_writes_nothing() {
        let d = data();
        ops(d.path(), "desktop", "\n{\"op\":\"add\"}\n");
        let e = load_or_create(d.path(), Some(&Secret::new("correct horse"))).unwrap_err();
        assert!(matches!(e, SealError::Plain), "{e:?}");
        assert!(!d.path().join(HEADER).exists());
        // Without a secret the same folder syncs plain.
        assert!(load_or_create(d.path(), None).unwrap().is_none());
    }

    #[test]
    fn no_secret_and_no_header_is_a_plain_sync() {
        let d = data();
        assert!(load_or_create(&d.path().join("data"), None).unwrap().is_none());
        assert!(!d.path().join("data").exists());
        // Sealed lines with their header lost are not taken as a plain folder.
        ops(d.path(), "laptop", &format!("{}\n", seal(&key(), b"x")));
        for secret in [None, Some(&Secret::new("correct horse"))] {
            let e = load_or_create(d.path(), secret).unwrap_err();
            assert!(e.to_string().contains("seal.json: is missing"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_data_folder_are_refused() {
        let d = data();
        let outside = data();
        load_or_create(outside.path(), Some(&Secret::new("correct horse"))).unwrap();
        // A header that is a link to one elsewhere.
        let folder = d.path().join("data");
        std::fs::create_dir(&folder).unwrap();
        std::os::unix::fs::symlink(outside.path().join(HEADER), folder.join(HEADER)).unwrap();
        let e = load_or_create(&folder, Some(&Secret::new("correct horse"))).unwrap_err();
        assert!(e.to_string().contains("seal.json: is a symbolic link"), "{e}");
        // A data folder that is a link: nothing is written where it leads.
        let linked = d.path().join("linked");
        let target = data();
        std::os::unix::fs::symlink(target.path(), &linked).unwrap();
        let e = load_or_create(&linked, Some(&Secret::new("correct horse"))).unwrap_err();
        assert!(e.to_string().contains("is a symbolic link"), "{e}");
        assert!(!target.path().join(HEADER).exists());
    }

    #[test]
    fn a_header_from_a_newer_nook_or_a_bad_one_is_refused() {
        let d = data();
        for (text, says) in [
            (
                "{\"format\":\"n2\",\"kdf\":\"x\",\"salt\":\"\",\"check\":\"\"}",
                "newer nook",
            ),
            ("not json", "is not a seal header"),
            (
                &format!("{{\"format\":\"n1\",\"kdf\":\"{KDF}\",\"salt\":\"AAAA\",\"check\":\"\"}}"),
                "no valid salt",
            ),
        ] {
            std::fs::write(d.path().join(HEADER), text).unwrap();
            let e = load_or_create(d.path(), Some(&Secret::new("s"))).unwrap_err();
            assert!(e.to_string().contains(says), "{text}: {e}");
        }
    }

    #[test]
    fn the_first_of_two_headers_wins() {
        let d = data();
        let s = Secret::new("correct horse");
        let (first, key) = Lock::new(&s).unwrap();
        assert_eq!(first.write(d.path()).unwrap(), None);
        let (second, _) = Lock::new(&s).unwrap();
        assert_eq!(second.write(d.path()).unwrap(), Some(first.clone()));
        assert_eq!(Lock::read(d.path()).unwrap(), Some(first));
        let line = seal(&key, b"x");
        let joined = load_or_create(d.path(), Some(&s)).unwrap().unwrap();
        assert_eq!(open(&joined, &line).unwrap(), b"x");
    }

    fn secret_file(home: &Path, text: &str, mode: u32) {
        let p = home.join("sync-secret");
        std::fs::write(&p, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let _ = mode;
    }

    fn text(s: Option<Secret>) -> Option<String> {
        s.map(|s| s.0)
    }

    #[test]
    fn the_secret_comes_from_the_environment_then_the_file() {
        let h = data();
        secret_file(h.path(), "from the file\n", 0o600);
        let file = Some("sync-secret");
        let env = |v: &str| Some(OsString::from(v));
        assert_eq!(
            text(choose_secret(env("from env"), h.path(), file).unwrap()).as_deref(),
            Some("from env")
        );
        assert_eq!(
            text(choose_secret(env(""), h.path(), file).unwrap()).as_deref(),
            Some("from the file")
        );
        assert_eq!(
            text(choose_secret(None, h.path(), file).unwrap()).as_deref(),
            Some("from the file")
        );
        assert!(choose_secret(None, h.path(), None).unwrap().is_none());
        // An absolute path is taken as it is.
        let abs = h.path().join("sync-secret");
        assert!(
            choose_secret(None, Path::new("/nonexistent"), abs.to_str())
                .unwrap()
                .is_some()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_file_others_can_read_is_refused() {
        let h = data();
        secret_file(h.path(), "s3cret", 0o644);
        let e = choose_secret(None, h.path(), Some("sync-secret")).unwrap_err();
        assert!(matches!(e, SealError::SecretFile { .. }), "{e:?}");
        assert!(
            e.to_string().contains("(mode 0644)") && e.to_string().contains("chmod 600"),
            "{e}"
        );
        secret_file(h.path(), "s3cret", 0o400);
        assert!(choose_secret(None, h.path(), Some("sync-secret")).is_ok());
    }

    #[test]
    fn a_missing_empty_or_tilde_secret_file_is_refused() {
        let h = data();
        for (file, says) in [
            ("absent", "cannot be read"),
            ("~/secret", "does not expand"),
            ("sync-secret", "is empty"),
        ] {
            secret_file(h.path(), "\n", 0o600);
            let e = choose_secret(None, h.path(), Some(file)).unwrap_err();
            assert!(e.to_string().contains(says), "{file}: {e}");
        }
    }
}
