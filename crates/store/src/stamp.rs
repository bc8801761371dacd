//! Hybrid logical clocks: which of two operations on any two machines is
//! the later, the same on every machine.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// When an operation was made: wall-clock ms, a counter for operations in
/// the same ms (or made while the wall clock is behind one already seen),
/// and the device that made it, which breaks the last ties.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub ms: i64,
    pub n: u32,
    pub device: String,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.ms, self.n, &self.device).cmp(&(other.ms, other.n, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The clock of one database: never behind the largest stamp it has made
/// or seen, so an edit made after an imported one is later by the clock too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub ms: i64,
    pub n: u32,
}

impl Clock {
    /// The next stamp at wall time `now_ms`.
    pub fn tick(&mut self, now_ms: i64, device: &str) -> Stamp {
        if now_ms > self.ms {
            *self = Clock { ms: now_ms, n: 0 };
        } else {
            self.n = self.n.saturating_add(1);
        }
        Stamp {
            ms: self.ms,
            n: self.n,
            device: device.to_string(),
        }
    }

    /// Moves past a stamp that came from another machine.
    pub fn see(&mut self, s: &Stamp) {
        if (s.ms, s.n) > (self.ms, self.n) {
            *self = Clock { ms: s.ms, n: s.n };
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.ms.to_le_bytes().to_vec();
        out.extend_from_slice(&self.n.to_le_bytes());
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<Clock> {
        let ms = i64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
        let n = u32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?);
        Some(Clock { ms, n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_never_goes_back() {
        let mut c = Clock::default();
        let a = c.tick(100, "a");
        let b = c.tick(90, "a"); // the wall clock stepped back
        assert!(b > a);
        c.see(&Stamp {
            ms: 500,
            n: 3,
            device: "b".into(),
        });
        let d = c.tick(200, "a");
        assert_eq!((d.ms, d.n), (500, 4));
        let tie_a = Stamp {
            ms: 1,
            n: 0,
            device: "a".into(),
        };
        let tie_b = Stamp {
            ms: 1,
            n: 0,
            device: "b".into(),
        };
        assert!(tie_a < tie_b, "the device breaks a tie");
        assert_eq!(Clock::decode(&d_clock(&c)), Some(c));
    }

    fn d_clock(c: &Clock) -> Vec<u8> {
        c.encode()
    }
}
