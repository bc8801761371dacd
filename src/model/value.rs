//! The value of one field of one list item.

use serde::{Deserialize, Serialize};

/// Self-describing, so stored items read back whatever the spec says today:
/// a removed or retyped field keeps its data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl FieldValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            FieldValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as one line of text, for tables and CSV.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            FieldValue::Number(n) => format_number(*n),
            FieldValue::Text(s) => s.clone(),
            FieldValue::List(v) => v.join(", "),
        }
    }
}

/// 3.0 -> "3", 2.5 -> "2.5": numbers without float noise.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
