//! What a spec file is without reading it: its size, times and inode, from
//! the one stat the scan makes. The watcher compares them to see a change,
//! and the parsed-spec cache trusts a parse only for the stamp it was made of.

use std::fs::Metadata;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Nanoseconds since 1970 (negative before; None past 2262).
type Nanos = i64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<Nanos>,
    /// Device and inode: a file saved by writing another and renaming it
    /// over is a new inode, whatever its size and times.
    pub inode: Option<(u64, u64)>,
    /// The inode's change time, which any write or `touch` sets to the
    /// clock and nothing can set back.
    pub changed: Option<Nanos>,
}

/// How recent a change may be for its stamp to be trusted alone. A write
/// within a file system's clock tick of the stat (a few milliseconds; two
/// seconds on FAT) can leave size and times as they were; a stamp older
/// than this cannot be met again by any later write, whose change time is
/// the clock's.
pub const SETTLED: Duration = Duration::from_secs(3);

impl Stamp {
    pub fn of(m: &Metadata) -> Stamp {
        let nanos = |t: SystemTime| match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Nanos::try_from(d.as_nanos()).ok(),
            Err(e) => Nanos::try_from(e.duration().as_nanos()).ok().map(|n| -n),
        };
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (
                Some((m.dev(), m.ino())),
                m.ctime()
                    .checked_mul(1_000_000_000)
                    .and_then(|s| s.checked_add(m.ctime_nsec())),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed) = (None, None);
        Stamp {
            len: m.len(),
            modified: m.modified().ok().and_then(nanos),
            inode,
            changed,
        }
    }

    /// Whether this stamp alone tells the file's content: it has an inode
    /// and a change time, and that change is [`SETTLED`] before `now`.
    pub fn settled(&self, now: SystemTime) -> bool {
        let Some(cutoff) = now
            .checked_sub(SETTLED)
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .and_then(|d| Nanos::try_from(d.as_nanos()).ok())
        else {
            return false;
        };
        self.inode.is_some() && self.modified.is_some() && self.changed.is_some_and(|c| c < cutoff)
    }
}
