//! The campaign's progress at a glance, at the top of the desk: the files deposited and complete
//! out of all (overall and per department, as numbers and bars), the days left before the
//! deadline, the members late, the messages sent and failed; and the needs, confirmed (files
//! deposited) apart from estimated (drafts and members not yet deposited).

use std::collections::BTreeMap;

use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::render::typography;
use serde::Serialize;
use tera::Context;

use crate::db::OutboxCounts;
use crate::service::App;
use crate::service::campaign::MemberLine;
use crate::status::Status;

/// A count out of all, as the page shows it: « 312 sur 1 250 (24 %) » and a bar.
#[derive(Serialize, Default)]
struct Share {
    value: usize,
    max: usize,
    text: String,
}

impl Share {
    fn new(value: usize, max: usize) -> Self {
        let percent = value.saturating_mul(100).checked_div(max).unwrap_or(0);
        let text = text_in(
            Lang::Fr,
            "desk-progress-share",
            &[
                ("value", Arg::Str(number(value))),
                ("max", Arg::Str(number(max))),
                ("percent", Arg::Num(percent as i64)),
            ],
        );
        Self { value, max, text }
    }
}

/// The needs of a group of members, each figure in French format.
#[derive(Serialize, Default)]
struct Needs {
    members: String,
    schools: String,
    pupils: String,
}

/// A department's (or the campaign's) progress and needs.
#[derive(Serialize)]
struct Department {
    department: String,
    members: String,
    deposited: Share,
    complete: Share,
    late: usize,
    /// The list of its members late.
    late_href: String,
    confirmed: Needs,
    estimated: Needs,
    schools: String,
    pupils: String,
}

/// What is counted while the members are read.
#[derive(Default)]
struct Tally {
    members: usize,
    deposited: usize,
    complete: usize,
    confirmed: (usize, usize, i64),
    estimated: (usize, usize, i64),
}

impl Tally {
    fn add(&mut self, line: &MemberLine) {
        self.members += 1;
        self.deposited += usize::from(line.deposited);
        self.complete += usize::from(line.status == Status::Complete);
        let needs = if line.deposited {
            &mut self.confirmed
        } else {
            &mut self.estimated
        };
        needs.0 += 1;
        needs.1 = needs.1.saturating_add(line.schools);
        needs.2 = adhesion_core::validate::totals::add(needs.2, line.pupils);
    }

    fn department(&self, name: String, late_href: String) -> Department {
        let needs = |(members, schools, pupils): (usize, usize, i64)| Needs {
            members: number(members),
            schools: number(schools),
            pupils: signed(pupils),
        };
        Department {
            department: name,
            members: number(self.members),
            deposited: Share::new(self.deposited, self.members),
            complete: Share::new(self.complete, self.members),
            late: self.members - self.deposited,
            late_href,
            confirmed: needs(self.confirmed),
            estimated: needs(self.estimated),
            schools: number(self.confirmed.1.saturating_add(self.estimated.1)),
            pupils: signed(adhesion_core::validate::totals::add(
                self.confirmed.2,
                self.estimated.2,
            )),
        }
    }
}

/// `n` in French format: « 1 250 ».
fn number(n: usize) -> String {
    signed(i64::try_from(n).unwrap_or(i64::MAX))
}

fn signed(n: i64) -> String {
    typography::number(n)
}

/// Inserts `progress` (the campaign's), `progress_departments`, `deadline` and `mail_counts`.
pub fn insert(ctx: &mut Context, app: &App, all: &[MemberLine]) {
    let mut total = Tally::default();
    let mut by_department: BTreeMap<&str, Tally> = BTreeMap::new();
    for line in all {
        total.add(line);
        by_department
            .entry(line.department.as_str())
            .or_default()
            .add(line);
    }
    let unknown = text_in(Lang::Fr, "desk-department-unknown", &[]);
    let departments: Vec<Department> = by_department
        .into_iter()
        .map(|(name, tally)| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("departement", name)
                .finish();
            let href = format!("/admin/retards?{query}");
            let name = if name.is_empty() {
                unknown.clone()
            } else {
                name.to_owned()
            };
            tally.department(name, href)
        })
        .collect();
    ctx.insert(
        "progress",
        &total.department(
            text_in(Lang::Fr, "desk-total", &[]),
            "/admin/retards".to_owned(),
        ),
    );
    ctx.insert("progress_departments", &departments);
    ctx.insert("deadline", &deadline(app));
    let counts: Option<OutboxCounts> = app
        .mail
        .as_ref()
        .and_then(|_| app.db.lock().sql().outbox_counts().ok());
    ctx.insert(
        "mail_counts",
        &counts.map(|c| {
            text_in(
                Lang::Fr,
                "desk-progress-mail",
                &[
                    ("sent", Arg::Str(signed(c.sent))),
                    ("failed", Arg::Num(c.failed)),
                    ("pending", Arg::Str(signed(c.pending))),
                ],
            )
        }),
    );
}

/// « Date limite des adhésions : 15 janvier 2022, dans 12 jours », or that it has passed.
fn deadline(app: &App) -> String {
    let deadline = app.pipeline.groupement().marche.date_limite_adhesion.value;
    let days = app.today().days_until(deadline);
    let (id, days) = if days < 0 {
        ("desk-progress-deadline-passed", -days)
    } else {
        ("desk-progress-deadline", days)
    };
    text_in(
        Lang::Fr,
        id,
        &[
            ("date", Arg::Str(typography::date(deadline))),
            ("days", Arg::Num(days)),
        ],
    )
}
