//! `nook timer`: a timer stored as a start time, driven from the shell.

use super::{CliError, CliResult, Ctx, TimerCommand};
use crate::model::Now;
use crate::model::count::count;
use crate::model::timer::{self, Action, Status};
use crate::spec::{Kind, duration};

pub fn run(ctx: &mut Ctx, app: &str, cmd: TimerCommand, json: bool) -> CliResult {
    let spec = ctx.app(app)?;
    let Kind::Timer(t) = &spec.kind else {
        return Err(CliError::user(format!(
            "{} is a {}, not a timer",
            spec.id,
            spec.kind.tag()
        )));
    };
    let action = match cmd {
        TimerCommand::Start => Action::Start,
        TimerCommand::Pause => Action::Pause,
        TimerCommand::Toggle => Action::Toggle,
        TimerCommand::Reset => Action::Stop,
        TimerCommand::Skip => Action::Skip,
        TimerCommand::Lap => Action::Lap,
        // Looking logs the phases that ended since the last look.
        TimerCommand::Status => Action::Observe,
    };
    if action == Action::Lap && !t.phases.is_empty() {
        return Err(CliError::user(format!(
            "{} has phases; laps are for a stopwatch",
            spec.id
        )));
    }
    if action == Action::Skip && t.phases.is_empty() {
        return Err(CliError::user(format!(
            "{} is a stopwatch; it has no phases to skip",
            spec.id
        )));
    }
    let now = Now::system()?;
    let crate::usecase::timer::Stepped { state, logged, moot } =
        crate::usecase::timer::act(ctx.store()?, &spec, now, action)?.outcome;
    if !json {
        for s in &logged {
            say!("Logged {} ({})", s.phase, duration::format(s.secs));
        }
    }
    if let Some(why) = moot {
        return Err(CliError::user(why.words(&spec.name)));
    }
    let view = timer::view(t, &state, now.ms);
    if json {
        let named = Named {
            id: &spec.id,
            name: &spec.name,
            view: &view,
        };
        crate::out::json(&serde_json::to_string_pretty(&named).unwrap_or_default());
        return Ok(());
    }
    let clock = |ms: i64| duration::clock((ms.max(0) as u64).div_ceil(1000));
    let round = if view.rounds > 1 {
        format!(", round {}/{}", view.round, view.rounds)
    } else {
        String::new()
    };
    let line = match (&view.phase, view.status) {
        (_, Status::Done) => "done".to_string(),
        (Some(p), Status::Idle) => format!("ready: {p} {}{round}", clock(view.remaining_ms)),
        (Some(p), s) => format!("{p} {} left{round}, {}", clock(view.remaining_ms), word(s)),
        (None, Status::Idle) => "ready".to_string(),
        (None, s) => {
            let laps = if view.laps.is_empty() {
                String::new()
            } else {
                format!(", {}", count(view.laps.len(), "lap"))
            };
            format!(
                "{} {}{laps}",
                word(s),
                duration::clock((view.elapsed_ms / 1000) as u64)
            )
        }
    };
    say!("{}: {line}", spec.name);
    Ok(())
}

/// `nook timer X ... --json`: which timer, then its state.
#[derive(serde::Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    view: &'a timer::View,
}

fn word(s: Status) -> &'static str {
    match s {
        Status::Idle => "ready",
        Status::Running => "running",
        Status::Paused => "paused",
        Status::Done => "done",
    }
}
