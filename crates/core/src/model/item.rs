//! One entry of a list app.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::value::FieldValue;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique within its app, never reused.
    pub id: super::item_id::ItemId,
    /// The line of a list without fields.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default)]
    pub done: bool,
    /// Unix milliseconds.
    pub created: i64,
    pub updated: i64,
    /// Typed values by field name. Values of fields the spec no longer has stay here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, FieldValue>,
}

impl Item {
    /// What to call the item in one line: its text, or its first text value.
    pub fn title(&self, field_order: &[&str]) -> String {
        if !self.text.is_empty() {
            return self.text.clone();
        }
        field_order
            .iter()
            .filter_map(|f| self.values.get(*f))
            .find_map(|v| match v {
                FieldValue::Text(s) if !s.is_empty() => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_else(|| format!("#{}", self.id))
    }
}
