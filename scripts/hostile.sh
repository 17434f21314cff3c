#!/usr/bin/env bash
# Hostile inputs and failing outputs (issues 14 and 11): every case must end in correct output or
# a clear error — nothing lost, nothing injected, no panic. One line per case (`PASS name` /
# `FAIL name: why`), then `N passed, M failed`; exit 1 when any case failed.
#
#   scripts/hostile.sh            # quick form (make test-hostile): small files, a few seconds
#   scripts/hostile.sh --full     # adds the 10⁶-row cases (make bench; a release build)
#
# Environment: CARGO_TARGET_DIR (default target); TUOYU (a tuoyu binary to test instead of
# building one); ONLY (a regular expression: run only the cases it matches); KEEP=1 keeps the
# work directory.
set -uo pipefail

FULL=0
[ "${1:-}" = "--full" ] && FULL=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILE=debug
BUILD=()
if [ $FULL = 1 ]; then PROFILE=release; BUILD=(--release); fi
if [ -z "${TUOYU:-}" ]; then
  (cd "$ROOT" && cargo build -q "${BUILD[@]}" -p tuoyu-cli --bin tuoyu \
    && cargo build -q "${BUILD[@]}" -p calc-core --example assess --example verify) || exit 1
  TUOYU=$TARGET/$PROFILE/tuoyu
fi
EX=$TARGET/$PROFILE/examples
W=$(mktemp -d)
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$W"; else echo "kept $W"; fi; }
trap cleanup EXIT
cd "$W" || exit 1

PASSED=0
FAILED=0
pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }
# check NAME COMMAND...: the command (a function below) prints nothing on success, or why not.
check() {
  local name=$1 why
  shift
  why=$("$@" 2>&1)
  if [ -z "$why" ]; then pass "$name"; else fail "$name" "$(echo "$why" | head -3 | tr '\n' ' ')"; fi
}
no_panic() { # FILE...
  if grep -qs -e 'panicked' -e 'RUST_BACKTRACE' "$@"; then echo "panicked: $(grep -h panicked "$@" | head -1)"; fi
}
sum() { md5sum "$1" | cut -d' ' -f1; }
rows() { local n; n=$(grep -c . "$1" 2>/dev/null); echo "${n:-0}"; }

REQ=$ROOT/fixtures/examples/request.json
CLAIM=$ROOT/fixtures/examples/claim.json
CSV=$ROOT/fixtures/claims.csv
"$TUOYU" gen-claims --count 300 --seed 3 -o claims.jsonl
"$TUOYU" gen-claims --count 3000 --seed 4 -o big.jsonl

# ---------------------------------------------------------------- data loss
case_hard_link() {
  cp claims.jsonl in.jsonl && ln in.jsonl link.jsonl && local before; before=$(sum in.jsonl)
  "$TUOYU" batch -i in.jsonl -o link.jsonl -q --force 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  [ "$(sum in.jsonl)" = "$before" ] || echo "the input changed"
  grep -q "is the input file" err || echo "message: $(cat err)"
  no_panic err; rm -f in.jsonl link.jsonl
}
case_stdin_is_output() {
  cp claims.jsonl in.jsonl; local before; before=$(sum in.jsonl)
  "$TUOYU" batch -i - -o in.jsonl -q --force <in.jsonl 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  [ "$(sum in.jsonl)" = "$before" ] || echo "the input was truncated to $(stat -c %s in.jsonl) bytes"
  grep -q "standard input is read from" err || echo "message: $(cat err)"
  rm -f in.jsonl
}
case_stdout_appends_to_input() {
  cp claims.jsonl in.jsonl; local before; before=$(sum in.jsonl)
  timeout 20 "$TUOYU" batch -i in.jsonl -o - -q >>in.jsonl 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  [ "$(sum in.jsonl)" = "$before" ] || echo "the input changed"
  rm -f in.jsonl
}
case_symlink_and_dotdot() {
  cp claims.jsonl in.jsonl; mkdir -p d; ln -sf ../in.jsonl d/sym.jsonl; local before; before=$(sum in.jsonl)
  "$TUOYU" batch -i in.jsonl -o d/sym.jsonl -q --force 2>err; [ $? = 2 ] || echo "symlink: not refused"
  "$TUOYU" batch -i in.jsonl -o d/../in.jsonl -q --force 2>err; [ $? = 2 ] || echo "..: not refused"
  [ "$(sum in.jsonl)" = "$before" ] || echo "the input changed"
  rm -rf in.jsonl d
}
case_existing_output_needs_force() {
  echo "precious" >out.csv
  "$TUOYU" batch -i claims.jsonl -o out.csv -q 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  [ "$(cat out.csv)" = precious ] || echo "the existing file was overwritten"
  grep -q -- "--force" err || echo "message does not mention --force: $(cat err)"
  "$TUOYU" batch -i claims.jsonl -o out.csv -q --force 2>err || echo "--force: exit $?"
  local want; want=$(($(rows claims.jsonl) + 1))
  [ "$(rows out.csv)" = "$want" ] || echo "--force: $(rows out.csv) lines, expected $want"
  ls ./*.partial >/dev/null 2>&1 && echo "a temporary file was left: $(ls ./*.partial)"
  rm -f out.csv
}
full_disk() { # NAME CMD...: writing to /dev/full exits non-zero, names /dev/full and the OS error
  "$@" >/dev/full 2>err; local rc=$?
  [ $rc != 0 ] || echo "exit 0 on a full disk"
  grep -q "/dev/full" err || echo "no path in: $(head -c 200 err)"
  grep -q "No space left on device" err || echo "no OS error in: $(head -c 200 err)"
  no_panic err
}
case_full_disk_assess() { full_disk "$TUOYU" assess "$REQ"; }
case_full_disk_assess_table() { full_disk "$TUOYU" assess "$REQ" --format table; }
case_full_disk_verify() { full_disk "$TUOYU" verify "$CLAIM"; }
case_full_disk_params() { full_disk "$TUOYU" params --at 2026-06-01; }
case_full_disk_explain() { full_disk "$TUOYU" explain cit_income_reduction; }
case_full_disk_gen_claims() { full_disk "$TUOYU" gen-claims --count 5000; }
case_full_disk_batch_stdout() { full_disk "$TUOYU" batch -i big.jsonl -o - -q; }
case_full_disk_batch_file() {
  "$TUOYU" batch -i big.jsonl -o /dev/full --output-format csv -q 2>err; local rc=$?
  [ $rc = 1 ] || echo "exit $rc, expected 1"
  grep -q "/dev/full.*No space left on device" err || echo "message: $(head -c 200 err)"
}
# A slow producer: SIGNAL arrives mid-run; the output path stays untouched, the finished rows are
# kept in <output>.partial, and the message says how many.
interrupt() { # SIGNAL EXPECTED_EXIT
  local sig=$1 want=$2 n=0
  rm -f int.csv int.csv.partial
  mkfifo fifo
  "$TUOYU" batch -i - -o int.csv --chunk-kib 1 --threads 2 <fifo 2>err &
  local pid=$!
  exec 7>fifo
  head -n 200 big.jsonl >&7
  # Wait until the 200 rows are through (the run goes on, waiting for more input).
  while [ $n -lt 50 ] && ! ls int.csv.*.partial >/dev/null 2>&1; do sleep 0.1; n=$((n + 1)); done
  sleep 1
  kill -s "$sig" $pid
  wait $pid; local rc=$?
  exec 7>&-
  rm -f fifo
  [ $rc = "$want" ] || echo "exit $rc, expected $want"
  [ -e int.csv ] && echo "int.csv exists: an incomplete run looks complete"
  [ -e int.csv.partial ] || echo "no int.csv.partial (files: $(ls))"
  local said; said=$(grep -oE 'after [0-9]+ rows' err | grep -oE '[0-9]+')
  [ -n "$said" ] || echo "no row count in: $(cat err)"
  [ -e int.csv.partial ] && [ "$(($(rows int.csv.partial) - 1))" = "$said" ] ||
    echo "int.csv.partial has $(($(rows int.csv.partial) - 1)) rows, the message says $said"
  [ -e int.csv.partial ] && [ -n "$(tail -c1 int.csv.partial)" ] && echo "the partial file ends mid-line"
  ls int.csv.*.partial >/dev/null 2>&1 && echo "a temporary file was left"
  no_panic err
  rm -f int.csv.partial
}
case_sigint_keeps_partial() { interrupt INT 130; }
case_sigterm_keeps_partial() { interrupt TERM 143; }
case_sigkill_leaves_output_untouched() {
  rm -f k.csv; mkfifo fifo
  "$TUOYU" batch -i - -o k.csv --chunk-kib 1 <fifo 2>err &
  local pid=$!
  exec 7>fifo; head -n 100 big.jsonl >&7; sleep 1
  kill -KILL $pid; wait $pid 2>/dev/null; exec 7>&-; rm -f fifo
  [ -e k.csv ] && echo "k.csv exists after SIGKILL: a cut-off file under the output's name"
  ls k.csv.*.partial >/dev/null 2>&1 || echo "no k.csv.<pid>.partial (the temporary file)"
  rm -f k.csv.*.partial
}

# ---------------------------------------------------------------- panics and pipes
closed_pipe() { # CMD...: the reader is gone before anything is written: quiet, exit 0
  { sleep 0.3; "$@" 2>err; echo $? >rc; } | true
  [ "$(cat rc)" = 0 ] || echo "exit $(cat rc), expected 0"
  [ -s err ] && echo "stderr: $(head -c 200 err)"
  no_panic err
}
case_example_assess_closed_pipe() { closed_pipe "$EX/assess" <"$REQ"; }
case_example_assess_full_disk() {
  "$EX/assess" <"$REQ" >/dev/full 2>err; local rc=$?
  [ $rc = 1 ] || echo "exit $rc, expected 1"
  grep -q "No space left on device" err || echo "message: $(head -c 200 err)"
  no_panic err
}
case_example_verify_closed_pipe() { closed_pipe "$EX/verify" <"$CLAIM"; }
case_example_verify_full_disk() {
  "$EX/verify" <"$CLAIM" >/dev/full 2>err; local rc=$?
  [ $rc = 1 ] || echo "exit $rc, expected 1"
  no_panic err
}
case_assess_closed_pipe() { closed_pipe "$TUOYU" assess "$REQ"; }
case_batch_stdout_head() {
  "$TUOYU" batch -i big.jsonl -o - 2>err | head -1 >/dev/null
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || [ "$rc" = 141 ] || echo "exit $rc"
  grep -qi "broken pipe" err && echo "says: $(cat err)"
  no_panic err
}
bounded() { # ARGS...: a clear argument error (exit 2), no panic
  timeout 20 "$TUOYU" "$@" >/dev/null 2>err </dev/null; local rc=$?
  [ $rc = 2 ] || echo "$*: exit $rc, expected 2"
  grep -q "invalid value" err || echo "$*: $(head -c 200 err)"
  no_panic err
}
case_numeric_options_bounded() {
  bounded batch -i claims.jsonl -o x.jsonl --chunk-kib 18446744073709551615
  bounded batch -i claims.jsonl -o x.jsonl --chunk-kib 0
  bounded batch -i claims.jsonl -o x.jsonl --max-record-kib 18446744073709551615
  bounded batch -i claims.jsonl -o x.jsonl --max-record-kib 0
  bounded batch -i claims.jsonl -o x.jsonl --threads 0
  bounded batch -i claims.jsonl -o x.jsonl --threads 100000000000
  bounded gen-claims --count 18446744073709551615
  bounded gen-claims --count=-1
  bounded gen-claims --count 1 --malformed-per-mille 1001
  bounded bench-compute --count 18446744073709551615
  [ -e x.jsonl ] && echo "an output was written"
}

# ---------------------------------------------------------------- injection
case_csv_formula_ids_neutralised() {
  local line; line=$(head -1 "$ROOT/fixtures/claims.jsonl")
  : >inj.jsonl
  for id in '=1+1' '+SUM(A1)' '-1' '@cmd' '=HYPERLINK(\"http://example.invalid\",\"x\")' '\tx' '\rx' 'plain-1'; do
    echo "${line/\"id\":\"match--spec-example-2026\"/\"id\":\"$id\"}" >>inj.jsonl
  done
  # An under-claimed row: its difference is negative and must stay a number.
  echo "${line/\"vat_exempt_sales\":\"1800000.00\"/\"vat_exempt_sales\":\"1.00\"}" >>inj.jsonl
  "$TUOYU" batch -i inj.jsonl -o inj.csv -q 2>err || echo "exit $?: $(cat err)"
  grep -q "^1,'=1+1," inj.csv || echo "=1+1 not neutralised"
  grep -q "^2,'+SUM(A1)," inj.csv || echo "+SUM not neutralised"
  grep -q "^3,'-1," inj.csv || echo "-1 not neutralised"
  grep -q "^4,'@cmd," inj.csv || echo "@cmd not neutralised"
  grep -qF "5,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"," inj.csv || echo "HYPERLINK not neutralised"
  grep -qP "^6,'\tx," inj.csv || echo "tab not neutralised"
  grep -qP "^7,\"'\rx\"," inj.csv || echo "CR not neutralised"
  grep -q "^8,plain-1," inj.csv || echo "a plain id was changed"
  grep -qE "^9,match--spec-example-2026,under_claimed,0.00,1.00,1800000.00,-1799999.00," inj.csv ||
    echo "the negative difference is not a plain number: $(grep '^9,' inj.csv | cut -c1-120)"
  # No text cell (id, error columns) begins with a formula character.
  if cut -d, -f2 inj.csv | grep -qE '^[=+@-]'; then echo "an id cell starts a formula"; fi
}
case_csv_formula_ids_from_csv_input() {
  { head -1 "$CSV"; sed -n 2p "$CSV" | sed 's/^match--spec-example-2026,/=2+3,/'; } >f.csv
  "$TUOYU" batch -i f.csv -o f.out.csv -q 2>err || echo "exit $?"
  grep -q "^2,'=2+3,match," f.out.csv || echo "got: $(sed -n 2p f.out.csv | cut -c1-60)"
}
case_control_chars_escaped_on_terminal() {
  printf 'id,\033[31mred\007,year\n' >esc.csv
  "$TUOYU" batch -i esc.csv -o esc.out.jsonl -q 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q $'\033' err && echo "a raw ESC reached the terminal"
  grep -q $'\007' err && echo "a raw BEL reached the terminal"
  grep -qF '\u{1b}[31mred\u{7}' err || echo "message: $(cat -v err)"
  printf '{"id":"\\u001b[2J\\u0007","request":7}\n' >esc.json
  "$TUOYU" verify esc.json --format table >out 2>err
  grep -q $'\033' out err && echo "verify --format table printed a raw ESC"
  true
}

# ---------------------------------------------------------------- strict input (calc-core)
R='{"schema":"tuoyu.request.v1","year":2026,"facility":{"legal_form":"enterprise","community_based":true,"service_modes":["full_day"],"filed_with_health_commission":true,"location_class":"urban"},"taxpayer":{"vat":"general","small_low_profit":true},"revenue":{"childcare":"1200000"},"income_tax":{"taxable_income":"2000000"}}'
with_params() { echo "${R%\}},\"parameters\":{$1}}"; }
refused() { # PATH NEEDLE: assess of stdin exits 2, the error's path is PATH, its message has NEEDLE
  "$TUOYU" assess >/dev/null 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -qF "\"path\":\"$1\"" err || echo "path: $(head -c 300 err)"
  grep -qF -- "$2" err || echo "message: $(head -c 300 err)"
  no_panic err
}
case_strict_request_as_array() {
  echo '["tuoyu.request.v1",2026,{"legal_form":"enterprise"}]' | refused "" "expected a JSON object"
}
case_strict_top_level_array() { echo '[1,2,3]' | refused "" "expected a JSON object"; }
case_strict_array_in_place_of_object() {
  echo "${R/\"taxpayer\":\{\"vat\":\"general\",\"small_low_profit\":true\}/\"taxpayer\":[\"general\",true]}" |
    refused taxpayer "expected a JSON object"
}
case_strict_claim_as_array() {
  echo "[\"tuoyu.claim.v1\",\"c\",$R,{\"cit_income_reduction\":\"120000\"}]" >arr.json
  "$TUOYU" verify arr.json >out 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q '"verdict":"invalid_input"' out || echo "report: $(head -c 200 out)"
}
case_strict_duplicate_parameter() {
  with_params '"national.cit.rate":"0.25","national.cit.rate":"0.3"' | refused parameters "given twice"
}
case_strict_override_out_of_range() {
  with_params '"national.community.income_inclusion_ratio":"5"' |
    refused parameters.national.community.income_inclusion_ratio "5"
  with_params '"national.vat.general_rate":"1000000000"' | refused parameters.national.vat.general_rate "1000000000"
}
case_strict_verify_agrees_with_assess() {
  # A claim whose request assess refuses is invalid_input at the same path, never `match`.
  local req; req=$(with_params '"national.community.income_inclusion_ratio":"5"')
  echo "{\"schema\":\"tuoyu.claim.v1\",\"id\":\"c\",\"request\":$req,\"claimed\":{\"cit_income_reduction\":\"120000\"}}" >vc.jsonl
  "$TUOYU" batch -i vc.jsonl -o vc.out.jsonl -q 2>err || echo "exit $?"
  grep -q '"verdict":"invalid_input"' vc.out.jsonl || echo "report: $(head -c 200 vc.out.jsonl)"
  grep -qF '"path":"request.parameters.national.community.income_inclusion_ratio"' vc.out.jsonl ||
    echo "path: $(grep -o '"path":"[^"]*"' vc.out.jsonl)"
}
case_strict_request_size_limit() {
  # 2 MiB in one request: refused with the limit named, without reading it as a request.
  { printf '{"schema":"tuoyu.request.v1","year":2026,"facility":{"name":"'; head -c 2097152 /dev/zero | tr '\0' x; printf '"}}'; } >huge.json
  "$TUOYU" assess huge.json >/dev/null 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q "1 MiB" err || echo "message: $(head -c 300 err)"
  rm -f huge.json
}

# ---------------------------------------------------------------- clearer errors
case_utf16_csv_without_bom() {
  iconv -f UTF-8 -t UTF-16LE "$CSV" >u16.csv
  "$TUOYU" batch -i u16.csv -o u16.out.jsonl -q 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q "UTF-16" err && grep -q "CSV UTF-8" err || echo "message: $(cat -v err)"
  grep -qP '\x00' err && echo "NUL bytes in the message"
  true
}
case_utf16_csv_with_bom() {
  { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$CSV"; } >u16b.csv
  "$TUOYU" batch -i u16b.csv -o u16b.out.jsonl -q 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q "UTF-16" err || echo "message: $(cat -v err)"
}
case_trailing_comma_in_header() {
  { head -1 "$CSV" | sed 's/$/,/'; tail -n +2 "$CSV"; } >tc.csv
  "$TUOYU" batch -i tc.csv -o tc.out.jsonl -q 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q "has no name" err && grep -q "comma at the end" err || echo "message: $(cat err)"
}
case_blank_lines_before_header() {
  { printf '\n\r\n  \n'; cat "$CSV"; } >bl.csv
  "$TUOYU" batch -i bl.csv -o bl.out.jsonl -q 2>err || echo "exit $?: $(cat err)"
  local want; want=$(($(rows "$CSV") - 1))
  [ "$(rows bl.out.jsonl)" = "$want" ] || echo "$(rows bl.out.jsonl) reports, expected $want"
  grep -q '"line":5[,}]' bl.out.jsonl || echo "the first row is not reported at line 5"
}
case_params_at_year_zero() {
  "$TUOYU" params --at 0000-01-01 >/dev/null 2>err; local rc=$?
  [ $rc = 2 ] || echo "exit $rc, expected 2"
  grep -q "failed to load" err && echo "still blames the parameter file"
  grep -q "start on" err || echo "message: $(cat err)"
}
no_invalid() { # COUNT: generated with --malformed-per-mille 0, every claim is valid
  "$TUOYU" gen-claims --count "$1" --seed 1 --malformed-per-mille 0 -o g.jsonl
  "$TUOYU" batch -i g.jsonl -o g.out.jsonl --force 2>err || echo "exit $?"
  local bad; bad=$(grep -c '"verdict":"invalid_input"' g.out.jsonl)
  [ "$bad" = 0 ] || echo "$bad invalid claims, e.g. $(grep -m1 invalid_input g.out.jsonl | grep -o '"error_en":"[^"]*"')"
  rm -f g.jsonl g.out.jsonl
}
case_gen_claims_malformed_zero() { no_invalid 20000; }

# ---------------------------------------------------------------- rows lost (issue 11's readers)
rows_in_rows_out() { # FILE WANT: batch gives WANT reports, in order, none lost
  "$TUOYU" batch -i "$1" -o "$1.out.jsonl" --force -q 2>err; local rc=$?
  [ $rc = 0 ] || echo "exit $rc: $(cat err)"
  local got; got=$(rows "$1.out.jsonl")
  [ "$got" = "$2" ] || echo "$got reports for $2 rows"
}
case_csv_cr_only_line_ends() {
  tr '\n' '\r' <"$CSV" >cr.csv
  rows_in_rows_out cr.csv $(($(rows "$CSV") - 1))
}
case_csv_unclosed_quote() {
  # Row 3 opens a quote it never closes: it is one invalid row; every other row is reported.
  { head -2 "$CSV"; sed -n 3p "$CSV" | sed 's/,2023,,/,2023,"unclosed,/'; tail -n +4 "$CSV"; } >uq.csv
  rows_in_rows_out uq.csv $(($(rows "$CSV") - 1))
}
case_csv_bare_cr_in_unquoted_cell() {
  { head -2 "$CSV"; sed -n 3p "$CSV" | sed 's/,2023,,/,2023,a\rb,/'; tail -n +4 "$CSV"; } >bcr.csv
  rows_in_rows_out bcr.csv $(($(rows "$CSV") - 1))
}
case_jsonl_utf8_bom() {
  { printf '\xef\xbb\xbf'; cat "$ROOT/fixtures/claims.jsonl"; } >bom.jsonl
  rows_in_rows_out bom.jsonl "$(rows "$ROOT/fixtures/claims.jsonl")"
  head -1 bom.jsonl.out.jsonl | grep -q invalid_input && echo "line 1 is invalid_input: the BOM was not skipped"
  true
}

# ---------------------------------------------------------------- 10⁶ rows (--full)
case_million_rows_in_rows_out() {
  "$TUOYU" gen-claims --count 1000000 --seed 7 -o m.jsonl
  local want; want=$(rows m.jsonl)
  "$TUOYU" batch -i m.jsonl -o m.out.csv -q 2>err || echo "exit $?"
  [ "$(($(rows m.out.csv) - 1))" = "$want" ] || echo "$(($(rows m.out.csv) - 1)) reports for $want rows"
  rm -f m.out.csv
}
case_million_rows_interrupted() {
  "$TUOYU" batch -i m.jsonl -o mi.csv -q 2>err &
  local pid=$!
  sleep 0.5; kill -INT $pid; wait $pid; local rc=$?
  [ $rc = 130 ] || echo "exit $rc, expected 130 (the run may have finished in 0.5 s)"
  [ -e mi.csv ] && echo "mi.csv exists"
  local said; said=$(grep -oE 'after [0-9]+ rows' err | grep -oE '[0-9]+')
  [ "$(($(rows mi.csv.partial) - 1))" = "$said" ] || echo "partial: $(($(rows mi.csv.partial) - 1)) rows, message: $said"
  rm -f mi.csv.partial m.jsonl
}
case_million_gen_claims_malformed_zero() { no_invalid 1000000; }

for c in $(declare -F | awk '{print $3}' | grep '^case_' | grep -v '^case_million_' | grep -E -- "${ONLY:-.}"); do
  check "${c#case_}" "$c"
done
if [ $FULL = 1 ]; then
  for c in case_million_rows_in_rows_out case_million_rows_interrupted case_million_gen_claims_malformed_zero; do
    check "${c#case_}" "$c"
  done
fi
echo "$PASSED passed, $FAILED failed"
[ $FAILED = 0 ]
