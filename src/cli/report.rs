//! `nook report APP [--json]`: every summary of a list with its groups and
//! periods as numbers, read from the stored summary: the CLI twin of the
//! list's chart, and what scripts read.

use super::{CliError, CliResult, Ctx};
use crate::model::Now;
use crate::overview::report::{lines, report};
use crate::overview::stored_figures;
use crate::spec::Kind;
use crate::store::AppSummary;

pub fn run(ctx: &mut Ctx, app: &str, json: bool) -> CliResult {
    ctx.only_reading();
    let spec = ctx.app(app)?;
    let Kind::List(list) = &spec.kind else {
        return Err(CliError::user(format!(
            "{} is a {}; `nook report` reads a list's summaries (`nook ls` shows every app's figures)",
            spec.id,
            spec.kind.tag()
        )));
    };
    let now = Now::system()?;
    // A home with no database has no items; asking must not make one.
    let (sum, figs) = if ctx.home.has_database() {
        ctx.store()?.read(|r| {
            let sum = crate::overview::Source::summary(r, &spec.id)?;
            let figs = stored_figures(r, &spec, list, &sum, now)?;
            Ok((sum, figs))
        })?
    } else {
        let sum = AppSummary::default();
        let figs = stored_figures(&Empty, &spec, list, &sum, now).unwrap_or_default();
        (sum, figs)
    };
    let r = report(&spec.id, &spec.name, list, &sum, figs.as_ref());
    if json {
        crate::out::json(&serde_json::to_string_pretty(&r).unwrap_or_default());
    } else {
        for line in lines(&r) {
            say!("{line}");
        }
    }
    Ok(())
}

/// The data of a home without a database: nothing.
struct Empty;

impl crate::overview::Source for Empty {
    type Error = std::convert::Infallible;
    fn summary(&self, _: &str) -> Result<AppSummary, Self::Error> {
        Ok(AppSummary::default())
    }
    fn meta_str(&self, _: &str) -> Result<Option<String>, Self::Error> {
        Ok(None)
    }
    fn timer(&self, _: &str) -> Result<crate::model::timer::TimerState, Self::Error> {
        Ok(Default::default())
    }
    fn items(
        &self,
        _: &str,
        _: crate::model::item_id::ItemId,
        _: usize,
    ) -> Result<Vec<crate::model::Item>, Self::Error> {
        Ok(Vec::new())
    }
    fn entries(
        &self,
        _: &str,
        _: &str,
        _: i32,
        _: i32,
    ) -> Result<Vec<(i32, crate::model::days::Entry)>, Self::Error> {
        Ok(Vec::new())
    }
}
