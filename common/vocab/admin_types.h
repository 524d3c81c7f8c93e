// admin_types.h: the type names of the admin socket's messages
// (docs/protocol.md, Admin socket), defined once for the controller's
// handlers and for their clients (hallctl, hall-console). Each request's reply
// type is listed beside it. The bodies are checked by the handler that owns
// the type (check_fields); the device socket's messages are in
// device_messages.h.
// Threading: constants.
#pragma once

namespace hall::wire::admin {

inline constexpr char kStatus[] = "status";                         // -> status
inline constexpr char kContentImport[] = "content.import";          // -> content.imported
inline constexpr char kContentImported[] = "content.imported";
inline constexpr char kContentExport[] = "content.export";          // -> content.export
inline constexpr char kNoticePost[] = "notice.post";                // -> notice
inline constexpr char kNoticeClear[] = "notice.clear";              // -> notice.cleared
inline constexpr char kNoticeList[] = "notice.list";                // -> notices
inline constexpr char kScreensList[] = "screens.list";              // -> screens
inline constexpr char kEvaluationsList[] = "evaluations.list";      // -> evaluations
inline constexpr char kTicketsList[] = "tickets.list";              // -> tickets
inline constexpr char kRankingsShow[] = "rankings.show";            // -> rankings
inline constexpr char kRankingsRecompute[] = "rankings.recompute";  // -> rankings.recomputed
inline constexpr char kCasesList[] = "cases.list";                  // -> cases
inline constexpr char kCaseAct[] = "case.act";                      // -> case
inline constexpr char kCaseShow[] = "case.show";                    // -> case.history
inline constexpr char kReviewPeer[] = "review.peer";                // -> review.entered
inline constexpr char kReviewLeader[] = "review.leader";            // -> review.entered
inline constexpr char kBonusAdd[] = "bonus.add";                    // -> bonus.added
inline constexpr char kBonusWithdraw[] = "bonus.withdraw";          // -> bonus.withdrawn
inline constexpr char kReviewsList[] = "reviews.list";              // -> reviews
inline constexpr char kReportMonth[] = "report.month";              // -> report.month (any period; older name)
inline constexpr char kReportPeriod[] = "report.period";            // -> report.period
inline constexpr char kEvaluationsExport[] = "evaluations.export";  // -> evaluations.export (one page)
inline constexpr char kCasePhone[] = "case.phone";                  // -> case.phone (audited)
inline constexpr char kWhoami[] = "whoami";                         // -> whoami
inline constexpr char kKeysList[] = "keys.list";                    // -> keys
inline constexpr char kKeysEnroll[] = "keys.enroll";                // -> key
inline constexpr char kKeysRevoke[] = "keys.revoke";                // -> key
inline constexpr char kAuditList[] = "audit.list";                  // -> audit
inline constexpr char kAuditVerify[] = "audit.verify";              // -> audit.verified
inline constexpr char kUpstreamBackfill[] = "upstream.backfill";    // -> upstream.backfilled (audited)

}  // namespace hall::wire::admin
