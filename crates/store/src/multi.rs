//! One write transaction over several apps: every operation in it is one
//! undo group, whichever app it touched (rules that reach across apps, and
//! the undo of what they did, need that).

use super::error::StoreError;
use super::write::Tx;
use super::{Store, unpanic};
use crate::model::Now;
use crate::spec::Spec;

/// The apps of one transaction; [`Apps::on`] gives the one to write to.
pub struct Apps<'t> {
    txs: Vec<Tx<'t>>,
    /// The app written last: it holds the transaction's operation ids and clock.
    current: usize,
}

impl<'t> Apps<'t> {
    /// The app with this id, if the transaction covers it.
    pub fn on(&mut self, app: &str) -> Option<&mut Tx<'t>> {
        let i = self.txs.iter().position(|t| t.app_id() == app)?;
        self.hand_to(i);
        self.current = i;
        Some(&mut self.txs[i])
    }

    /// Lets app `i` carry on from the app written last.
    fn hand_to(&mut self, i: usize) {
        let at = self.current;
        if i == at {
            return;
        }
        let (from, to) = if at < i {
            let (a, b) = self.txs.split_at_mut(i);
            (&a[at], &mut b[0])
        } else {
            let (a, b) = self.txs.split_at_mut(at);
            (&b[0], &mut a[i])
        };
        to.take_turn(from);
    }

    /// The first app given.
    pub fn first(&mut self) -> &mut Tx<'t> {
        let id = self.txs[0].app_id();
        self.on(id).expect("the first app is in the transaction")
    }

    /// The id of the transaction's last operation so far.
    pub fn last_seq(&self) -> u64 {
        self.txs[self.current].last_seq()
    }

    fn finish(&mut self) -> Result<(), StoreError> {
        // Every app ends with the last ids and clock, whichever wrote last.
        for i in 0..self.txs.len() {
            self.hand_to(i);
        }
        for tx in &mut self.txs {
            tx.finish()?;
        }
        Ok(())
    }
}

impl Store {
    /// Runs `f` in one write transaction over `specs` (the first is
    /// [`Apps::first`]); everything it applies commits together, as one
    /// action for undo.
    pub fn write_apps<R>(
        &self,
        specs: &[&Spec],
        now: Now,
        f: impl FnOnce(&mut Apps) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        if specs.is_empty() {
            return Err(StoreError::Invalid("a write names no app".into()));
        }
        unpanic(|| {
            let txn = self.begin_write()?;
            let mut apps = Apps {
                txs: Vec::new(),
                current: 0,
            };
            for spec in specs {
                if apps.txs.iter().any(|t| t.app_id() == spec.id) {
                    continue;
                }
                apps.txs
                    .push(Tx::new(&txn, spec, now, self.device(), &self.session)?);
            }
            let out = f(&mut apps)?;
            apps.finish()?;
            drop(apps);
            txn.commit()?;
            Ok(out)
        })
        .map_err(|detail| self.unreadable(detail))?
        .map_err(|e| self.located(e))
    }
}
