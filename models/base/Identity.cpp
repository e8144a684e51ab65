#include "base/Identity.h"

#include <QtGlobal>
#include <pwd.h>
#include <unistd.h>

namespace tollgate {

Identity Identity::fromEnvironment(const QString& reviewer)
{
    QString user;
    if (const passwd* pw = getpwuid(geteuid()))
        user = QString::fromLocal8Bit(pw->pw_name);
    if (user.isEmpty())
        user = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    return Identity(reviewer.isEmpty() ? user : reviewer, user);
}

} // namespace tollgate
