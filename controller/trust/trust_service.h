// trust_service.h: the admin messages about keys and the audit log
// (docs/security.md): whoami, keys.list/enroll/revoke (admin keys only),
// audit.list and audit.verify (readers). Every key change is audited.
// Threading: the controller's loop.
#pragma once

#include "common/base/result.h"

namespace controller {

class Controller;

hall::Status install_trust(Controller& c);

}  // namespace controller
