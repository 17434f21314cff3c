//! Readable tables (zh or en) for statements, reports and parameters.

use calc_core::params::InForce;
use calc_core::verify::Report;
use calc_core::Statement;

/// `s` with every control character written as an escape (`\u{1b}` for ESC, `\n` for a line
/// break), and the bidirectional overrides that can reorder what a terminal shows: text taken
/// from an input file cannot move the cursor, ring the bell or change colours when it is printed.
#[must_use]
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.contains(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Display width of a string in a terminal: wide (CJK, full-width) characters count 2.
#[must_use]
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn lpad(s: &str, w: usize) -> String {
    let n = width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

/// Lays out rows as aligned columns; `right` marks right-aligned columns.
#[must_use]
pub fn table(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let n = header.len();
    let mut w = vec![0; n];
    for r in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right.get(i).copied().unwrap_or(false) {
                    lpad(c, w[i])
                } else if i + 1 == n {
                    c.clone()
                } else {
                    pad(c, w[i])
                }
            })
            .collect();
        cells.join("  ").trim_end().to_string()
    };
    let mut out = line(header);
    out.push('\n');
    // The last column is not padded; the rule stops where the padded columns end (+ a bit).
    let rule = w[..n - 1].iter().sum::<usize>() + 2 * (n - 1) + w[n - 1].min(20);
    out.push_str(&"-".repeat(rule));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// A basis in a few words: the announcement number (or the document's first words) and the
/// article in the table's language, e.g. `公告2026年第7号 第一条第（一）项`.
fn short_basis(document: &str, article: &str, zh: bool) -> String {
    let doc = match document.rfind("公告") {
        Some(i) => document[i..].to_string(),
        None => {
            let head: String = document.chars().take(14).collect();
            if head.len() < document.len() {
                format!("{head}…")
            } else {
                head
            }
        }
    };
    let art = match article.split_once(" / ") {
        Some((z, e)) => {
            if zh {
                z
            } else {
                e
            }
        }
        None => article,
    };
    let art = art.split(['：', ':']).next().unwrap_or(art);
    let art: String = art.chars().take(24).collect();
    format!("{doc} {art}")
}

/// A statement as a readable table.
#[must_use]
pub fn statement(st: &Statement, zh: bool) -> String {
    let mut out = String::new();
    let name = st.facility_name.clone().unwrap_or_default();
    if zh {
        out.push_str(&format!(
            "{name} {} 年度税费优惠测算（执行期内月份：{}）\n\n",
            st.year, st.eligible_months
        ));
    } else {
        out.push_str(&format!(
            "{name} — preferences for {} ({} eligible months)\n\n",
            st.year, st.eligible_months
        ));
    }
    let header: Vec<String> = if zh {
        ["项目", "状态", "金额（元）", "依据"]
    } else {
        ["line", "status", "amount (yuan)", "basis"]
    }
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let mut rows = Vec::new();
    for l in &st.lines {
        let status = l.status.as_str();
        // Out of force, the document the reason names (the one that ended, or that starts
        // later) rather than the first of the series.
        let basis = l
            .reasons
            .first()
            .and_then(|r| r.basis.as_ref())
            .filter(|_| l.status == calc_core::Status::NotInForce)
            .or(l.basis.first())
            .map(|b| short_basis(&b.document, &b.article, zh))
            .unwrap_or_default();
        rows.push(vec![
            if zh {
                l.label_zh.clone()
            } else {
                l.label_en.clone()
            },
            if zh {
                calc_core::frontend::labels::status_text(l.status, calc_core::frontend::Lang::Zh)
                    .to_string()
            } else {
                status.to_string()
            },
            l.amount.to_string(),
            basis,
        ]);
    }
    out.push_str(&table(&header, &rows, &[false, false, true, false]));
    if zh {
        out.push_str(&format!(
            "\n合计（机构）：{} 元；出租方受益：{} 元\n",
            st.total, st.total_landlord
        ));
    } else {
        out.push_str(&format!(
            "\nTotal (facility): {} yuan; saved by landlords: {} yuan\n",
            st.total, st.total_landlord
        ));
    }
    for l in &st.lines {
        for r in &l.reasons {
            let text = if zh { &r.zh } else { &r.en };
            out.push_str(&format!("  [{}] {text}\n", l.id));
        }
        // A line's own warnings (e.g. VAT Law art.24(7) on a 2028 VAT line), for lines that
        // are there at all.
        if l.status != calc_core::Status::NotApplicable {
            for w in &l.warnings {
                let text = if zh { &w.zh } else { &w.en };
                out.push_str(&format!("  ! [{}] {}\n", l.id, visible(text)));
            }
        }
    }
    if let Some(h) = &st.household {
        let t = &h.totals;
        out.push_str(&if zh {
            format!(
                "\n家长实付：保育费 {} − 育儿补贴 {} − 个税节省 {} = {} 元\n",
                t.fees, t.subsidy, t.tax_saved, t.net_cost
            )
        } else {
            format!(
                "\nThe family pays: fees {} − childcare subsidy {} − income tax saved {} = {} yuan\n",
                t.fees, t.subsidy, t.tax_saved, t.net_cost
            )
        });
    }
    for s in &st.sections_not_in_force {
        for r in &s.reasons {
            let text = if zh { &r.zh } else { &r.en };
            out.push_str(&format!("  [{}] {}\n", s.section, visible(text)));
        }
    }
    if !st.warnings.is_empty() {
        out.push_str(if zh {
            "\n参数提示：\n"
        } else {
            "\nParameter warnings:\n"
        });
        for w in &st.warnings {
            out.push_str(&format!("  - {}\n", if zh { &w.zh } else { &w.en }));
        }
    }
    out
}

/// A verification report as a readable table.
#[must_use]
pub fn report(r: &Report, zh: bool) -> String {
    let mut out = String::new();
    let verdict = r.verdict.as_str();
    let v = if zh {
        calc_core::frontend::labels::verdict_text(r.verdict, calc_core::frontend::Lang::Zh)
    } else {
        verdict
    };
    let id = r.id.as_deref().map(visible);
    out.push_str(&match (zh, id) {
        (true, Some(id)) => format!("申报 {id}：{v}\n\n"),
        (true, None) => format!("申报：{v}\n\n"),
        (false, Some(id)) => format!("Claim {id}: {v}\n\n"),
        (false, None) => format!("Claim: {v}\n\n"),
    });
    if let Some(e) = &r.error {
        out.push_str(&format!(
            "{}\n",
            visible(if zh { &e.error_zh } else { &e.error_en })
        ));
        return out;
    }
    let header: Vec<String> = if zh {
        ["项目", "申报", "复核", "差额", "结论"]
    } else {
        ["item", "claimed", "recomputed", "difference", "verdict"]
    }
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let rows: Vec<Vec<String>> = r
        .items
        .iter()
        .map(|i| {
            vec![
                i.item.to_string(),
                i.claimed.to_string(),
                i.recomputed.to_string(),
                i.difference.to_string(),
                if zh {
                    calc_core::frontend::labels::verdict_text(
                        i.verdict,
                        calc_core::frontend::Lang::Zh,
                    )
                    .to_string()
                } else {
                    i.verdict.as_str().to_string()
                },
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows, &[false, true, true, true, false]));
    for i in &r.items {
        for reason in &i.reasons {
            out.push_str(&format!(
                "  [{}] {}\n",
                i.item,
                if zh { &reason.zh } else { &reason.en }
            ));
        }
    }
    // What does not change the verdict (e.g. the facility has not filed).
    for w in &r.warnings {
        out.push_str(&format!(
            "  ! {}\n",
            visible(if zh { &w.zh } else { &w.en })
        ));
    }
    out
}

/// Parameters in force as a readable table.
#[must_use]
pub fn params(list: &[InForce], date: &str, zh: bool) -> String {
    let mut out = if zh {
        format!("{date} 有效的参数（共 {} 项）\n\n", list.len())
    } else {
        format!("Parameters in force on {date} ({})\n\n", list.len())
    };
    let header: Vec<String> = if zh {
        ["编号", "名称", "数值", "有效期", "置信度", "出处"]
    } else {
        ["id", "label", "value", "window", "confidence", "citation"]
    }
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            let value = match &p.value {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let window = format!(
                "{} – {}",
                p.valid_from,
                p.valid_to.map_or_else(
                    || if zh {
                        "至今".to_string()
                    } else {
                        "open".to_string()
                    },
                    |d| d.to_string()
                )
            );
            vec![
                p.id.clone(),
                if zh {
                    p.label_zh.clone()
                } else {
                    p.label_en.clone()
                },
                format!("{value} {}", p.unit).trim().to_string(),
                window,
                p.confidence.as_str().to_string(),
                format!("{} {}", p.source.document, p.source.article),
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows, &[]));
    out
}
