//! Data without a spec: ids the database holds that no spec (active or
//! archived) uses. Writing a spec with that id attaches the data again.

use super::error::StoreError;
use super::read::Reader;
use crate::model::held::Held;

/// One app id with stored data.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub id: String,
    /// None: nothing left but history.
    pub held: Option<Held>,
    /// Unix ms of the last write.
    pub updated: i64,
}

impl Reader {
    /// Every app id with a summary (any write ever), in id order.
    pub fn stored_apps(&self) -> Result<Vec<Stored>, StoreError> {
        let mut out = Vec::new();
        for id in self.apps_with_data()? {
            out.push(Stored {
                held: self.held(&id)?,
                updated: self.summary(&id)?.updated,
                id,
            });
        }
        Ok(out)
    }

    /// Stored ids that none of `known` uses.
    pub fn orphans(&self, known: &[String]) -> Result<Vec<Stored>, StoreError> {
        Ok(self
            .stored_apps()?
            .into_iter()
            .filter(|s| !known.contains(&s.id))
            .collect())
    }
}
