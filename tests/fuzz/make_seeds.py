#!/usr/bin/python3
"""Writes the seed corpora of tests/fuzz/corpus/<target>/ from the protocol
(docs/protocol.md, docs/queue-api.md), the sample configuration (config/)
and the sample hall (config/sample-hall/): valid inputs and a few near-valid
ones. Run from anywhere; it rewrites only the seed_* files it owns.
Usage: tests/fuzz/make_seeds.py
"""
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
UUID = "0190a6d2-7c3e-7a11-8b2c-3f4e5d6c7b8a"


def msg(type_, id_=None, **fields):
    body = {"type": type_}
    if id_ is not None:
        body["id"] = id_
    body.update(fields)
    return json.dumps(body, ensure_ascii=False).encode()


DEVICE = [
    msg("hello", 1, device="signage", device_id="screen-1", version="0.1.0"),
    msg("hello", 2, device="kiosk", device_id="kiosk-1", version="0.1.0"),
    msg("hello", 3, device="kiosk", device_id="bad id\n\u001b[31m", version="0.1.0"),
    msg("screen.status", 4, device_id="screen-1", group="main", board="queue", sequence=42, uptime_s=600,
        frame_ms=3.5, rss_kb=81234, offline_since=""),
    msg("screen.status", 5, device_id="screen-1", group="main", board="nosuch", sequence=1, uptime_s=-1,
        frame_ms=1e308, rss_kb=0, offline_since="2026-11-27T09:00:00+08:00"),
    msg("ticket.lookup", 6, ticket="A100"),
    msg("ticket.lookup", 7, ticket=""),
    msg("evaluation.submit", 8, uuid=UUID, ticket="A100", score=5, reasons=[], phone="",
        kiosk_id="kiosk-1", created_at="2026-11-27T09:20:00+08:00"),
    msg("evaluation.submit", 9, uuid=UUID.upper(), ticket="A101", score=1,
        reasons=["attitude", "long_wait"], phone="13800138000", kiosk_id="kiosk-1",
        created_at="9999-12-31T23:59:59+08:00"),
    msg("welcome", hall="三良政务服务中心", server_time="2026-11-27T09:00:00+08:00"),
    msg("ticket", re=6, ticket="A100", service_item={"id": "gjj-tiqu", "name": "住房公积金提取"},
        window={"number": 3, "name": "公积金窗口"},
        staff={"id": "wang-fang", "name": "王芳", "post": "", "photo": ""}, finished_at="2026-11-27T09:14:40+08:00"),
    msg("evaluation.ack", re=8, uuid=UUID, duplicate=False),
    msg("error", re=7, code="not_found", message="no ticket", permanent=True, request="ticket.lookup"),
    b'{"type":"hello","id":1,"device":"kiosk"',
    b'{"type":"hello","id":-1}',
    b'[1,2,3]',
]

ADMIN = [
    msg("status", 1), msg("status", 2, limit=1000, offset=5), msg("status", 3, limit=0),
    msg("content.export", 4),
    msg("notice.post", 5, text="今天下午系统维护", until="18:00"),
    msg("notice.post", 6, text="停电通知", urgent=True, until="2026-11-27T18:00:00+08:00"),
    msg("notice.clear", 7, notice="urgent"), msg("notice.list", 8), msg("screens.list", 9),
    msg("evaluations.list", 10, since="2026-11-27T00:00:00+08:00", limit=20),
    msg("tickets.list", 11, limit=5), msg("rankings.show", 12, period="2026-11"),
    msg("rankings.show", 13, period="2026-Q4"), msg("rankings.recompute", 14),
    msg("cases.list", 15, all=True), msg("case.act", 16, case=1, action="verify", by="he-ping", note="ok"),
    msg("case.phone", 17, case=1, by="he-ping"),
    msg("review.peer", 18, period="2026-11", reviewer="chen-jing", reviewee="liu-yang", comment="好"),
    msg("review.leader", 19, period="2026-11", reviewer="he-ping", kind="集中", subject_kind="window",
        subject="2", score=5, comment=""),
    msg("bonus.add", 20, period="2026-11", points=2.5, reason="业务技能竞赛一等奖", by="he-ping"),
    msg("reviews.list", 21, period="2026-11"), msg("report.month", 22, period="2026-11"),
    msg("whoami", 23), msg("keys.list", 24),
    msg("keys.enroll", 25, name="kiosk-9", role="kiosk", public_key="x" * 40),
    msg("keys.revoke", 26, name="kiosk-9"),
    msg("audit.list", 27, since="2026-11-01T00:00:00+08:00", who="he-ping", limit=10),
    msg("audit.verify", 28),
    msg("content.import", 29, files={"hall.toml": {"name": "小厅"}}, media={}),
    msg("content.import", 30, files={"hall.toml": {"name": "小厅"},
                                     "staff.toml": {"staff": [{"id": "a", "name": "甲", "window": 9}]}}),
    msg("nosuch.type", 31), b'{"type":"status","id":1.5}',
    msg("bonus.withdraw", 32, bonus=1, reason="重复录入", by="he-ping"),
    msg("case.act", 33, case=1, action="assign", owner="chen-jing", note="值班", by="he-ping"),
    msg("case.act", 34, case=1, action="close", override=True, note="超出办理范围", by="he-ping"),
    msg("case.show", 35, case=1),
    msg("report.period", 36, period="2026-Q4"), msg("report.period", 37, period="2026"),
    msg("evaluations.export", 38, period="2026-11", after=0, limit=100),
    msg("upstream.backfill", 39, since="2026-11-01", by="he-ping"),
]


def chp_frames(*frames):
    out = b""
    for f in frames:
        f = f if isinstance(f, bytes) else f.encode()
        out += struct.pack("<H", len(f)) + f
    return out


def seq(n):
    return struct.pack(">Q", n)


CHP = [
    chp_frames("ICANHAZ?", ""), chp_frames("ICANHAZ?", "/content/"), chp_frames("ICANHAZ?", "content"),
    chp_frames("KTHXBAI", seq(1234), "", "", "/content/"), chp_frames("HUGZ", seq(0), "", "", ""),
    chp_frames("ERROR", seq(0), "", "", '{"type":"error","code":"bad_request","message":"x","permanent":true}'),
    chp_frames("/hall/info", seq(1), "", "", '{"name":"三良政务服务中心","name_en":"Sanliang","logo":""}'),
    chp_frames("/hall/clock", seq(2), "", "gap=1\nepoch=abc\n",
               '{"time":"2026-11-27T09:00:00+08:00","epoch_ms":1795740000000,"offset_min":480,"zone":"Asia/Shanghai"}'),
    chp_frames("/hall/epoch", seq(3), b"0123456789abcdef", "", '{"epoch":"e1","started":"2026-11-27T09:00:00+08:00"}'),
    chp_frames("/content/staff/wang-fang", seq(4), "", "",
               '{"id":"wang-fang","name":"王芳","post":"","photo":"","window":2,"department":"rsj"}'),
    chp_frames("/content/windows/2", seq(5), "", "", '{"number":2,"name":"公积金窗口","department":"rsj"}'),
    chp_frames("/notices/urgent", seq(6), "", "", '{"text":"停电","until":""}'),
    chp_frames("/notices/ticker/1", seq(7), "", "", '{"text":"欢迎","until":""}'),
    chp_frames("/queue/calls", seq(8), "", "",
               '{"calls":[{"ticket":"A023","window":3,"window_name":"公积金窗口","at":"2026-11-27T09:05:12+08:00"}]}'),
    chp_frames("/queue/letters", seq(9), "", "", '{"letters":"AB"}'),
    chp_frames("/rankings/stars", seq(10), "", "", '{"period":"2026-11","windows":[],"staff":[]}'),
    chp_frames("/groups/main/playlist", seq(11), "", "",
               '{"group":"main","boards":[{"board":"queue","seconds":30}],"hours":{"open":"08:30","close":"17:30","days":[1,2,3,4,5]}}'),
    chp_frames("/content/staff/x", seq(12), "", ""),
]

QUEUE = [
    (ROOT / "docs" / "queue-api.md").read_text().split("```json\n", 1)[1].split("```", 1)[0].encode(),
    json.dumps({"feed": "f1", "next": 3, "more": True, "events": [
        {"seq": 1, "event": "ticket.created", "ticket": "B001", "at": "2026-11-27T09:00:00+08:00",
         "service_item": {"id": "sb", "name": "社保"}},
        {"seq": 2, "event": "ticket.transferred", "ticket": "B001", "at": "2026-11-27T09:01:00Z",
         "window": {"number": 4, "name": "社保窗口"}},
        {"seq": 3, "event": "ticket.no_show", "ticket": "B001", "at": "2026-11-27 09:02:00"}]},
        ensure_ascii=False).encode(),
    b'{"feed":"f1","next":0,"events":[{"seq":1,"event":"ticket.recalled","ticket":"","at":"x"}]}',
    b'{"feed":"","next":-1,"events":{}}',
]


JSON_TOKENS = ['{', '}', '[', ']', ':', ',', '"', 'true', 'false', 'null', '\\u0000', '\\ud800', '1e308', '-0',
               '18446744073709551616', '-9223372036854775809', '0.0001']
WORDS = ["type", "id", "re", "code", "message", "permanent", "request", "device", "device_id", "version", "group",
         "board", "sequence", "uptime_s", "frame_ms", "rss_kb", "offline_since", "ticket", "uuid", "score", "reasons",
         "phone", "kiosk_id", "created_at", "hello", "screen.status", "ticket.lookup", "evaluation.submit", "signage",
         "kiosk", "console", "limit", "offset", "since", "period", "files", "media", "text", "urgent", "until",
         "notice", "all", "case", "action", "by", "note", "reviewer", "reviewee", "comment", "kind", "subject_kind",
         "subject", "points", "reason", "name", "role", "public_key", "staff_id", "who", "status", "content.import",
         "content.export", "notice.post", "notice.clear", "notice.list", "screens.list", "evaluations.list",
         "tickets.list", "rankings.show", "rankings.recompute", "cases.list", "case.act", "case.phone", "review.peer",
         "case.show", "report.period", "evaluations.export", "upstream.backfill", "bonus.withdraw", "assign",
         "owner", "override", "after", "bonus",
         "review.leader", "bonus.add", "reviews.list", "report.month", "whoami", "keys.list", "keys.enroll",
         "keys.revoke", "audit.list", "audit.verify", "hall.toml", "staff.toml", "windows.toml", "2026-11",
         "2026-Q4", "2026-11-27T09:00:00+08:00", "A100", "he-ping", "wang-fang", "leader", "manager", "verify",
         "reject", "appeal", "rectify", "follow_up", "reopen", "close", "queue", "standards", "rankings", "blank"]
TOML_TOKENS = ["[", "]", "[[", "]]", "=", '"', "'" * 3, '"' * 3, "\n", "#", ".", "{", "}", "true", "false", "inf",
               "nan", "0x7fffffffffffffff", "1979-05-27T07:32:00Z", "[controller]", "[signage]", "[kiosk]", "[log]",
               "[security]", "[queue]", "[evaluation]", "[ranking]", "[cases]", "[upstream]", "[screen]", "[ui]",
               "[[staff]]", "[[window]]", "[[department]]", "[[standard]]", "[[pledge]]", "[[notice]]",
               "[[playlist]]", "[[screen]]", "id", "name", "window", "department", "photo", "roles", "boards",
               "board", "seconds", "days", "open", "close", "group", "timezone", "Asia/Shanghai", "photos/he-ping.png",
               "port", "data_dir", "level", "holidays", "workdays", "2026-10-01"]
CHP_TOKENS = ["ICANHAZ?", "KTHXBAI", "HUGZ", "ERROR", "/hall/info", "/hall/clock", "/hall/epoch", "/content/",
              "/content/staff/", "/content/windows/", "/notices/urgent", "/notices/ticker/", "/queue/calls",
              "/queue/letters", "/rankings/stars", "/groups/main/", "/media/", "=", "\n"] + JSON_TOKENS
QUEUE_WORDS = ["feed", "next", "more", "events", "seq", "event", "ticket", "at", "service_item", "window", "staff",
               "number", "name", "id", "ticket.created", "ticket.called", "ticket.recalled", "ticket.transferred",
               "ticket.finished", "ticket.no_show", "2026-11-27T09:05:12+08:00"]


def write_dict(target, tokens):
    """libFuzzer's dictionary format: one quoted token a line, \\ and " escaped."""
    d = ROOT / "tests" / "fuzz" / "dict"
    d.mkdir(parents=True, exist_ok=True)
    lines = [f"# {target}: tokens for libFuzzer (-dict), written by make_seeds.py"]
    for t in tokens:
        lines.append('"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\x0A") + '"')
    (d / f"{target}.dict").write_text("\n".join(lines) + "\n")


def write(target, items):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("seed_*"):
        old.unlink()
    for i, data in enumerate(items):
        (d / f"seed_{i:02d}").write_bytes(data)


def main():
    write("codec", DEVICE[:4] + ADMIN[:4] + [b"", b"{}", b'{"type":""}', b'{"type":"x","id":18446744073709551615}',
                                             b'{"type":"x","a":"\xff"}', b'{"type":"x","n":1e5}'])
    write("device", DEVICE)
    write("admin", ADMIN)
    write("chp", CHP)
    config = [p.read_bytes() for p in sorted((ROOT / "config").glob("*.toml"))]
    config.append(b"[controller]\nno_such_key = 1\n")
    config.append(b"[signage]\nchp_port = 99999999999\n")
    write("config", config)
    files = ["hall.toml", "departments.toml", "windows.toml", "staff.toml", "standards.toml", "pledges.toml",
             "notices.toml", "screens.toml", "playlists.toml"]  # kFiles in fuzz_content.cpp
    hall = ROOT / "config" / "sample-hall"
    write("content", [bytes([i]) + (hall / f).read_bytes() for i, f in enumerate(files)] +
          [bytes([3]) + b'[[staff]]\nid = "x"\nname = "y"\nwindow = 99\n', bytes([0]) + b'name = 1979-05-27\n'])
    write("queue_feed", QUEUE)
    json_dict = JSON_TOKENS + [f'"{w}"' for w in WORDS]
    for t in ["codec", "device", "admin"]:
        write_dict(t, json_dict)
    write_dict("chp", CHP_TOKENS)
    write_dict("config", TOML_TOKENS)
    write_dict("content", TOML_TOKENS)
    write_dict("queue_feed", JSON_TOKENS + [f'"{w}"' for w in QUEUE_WORDS])


if __name__ == "__main__":
    main()
