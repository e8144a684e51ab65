#include "ui/widgets/Icons.h"

#include <QDir>

static void tollgateInitResources()
{
    Q_INIT_RESOURCE(tollgate);
}

namespace tollgate::ui {

void Icons::initResources()
{
    tollgateInitResources();
}

QIcon Icons::get(const char* name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace tollgate::ui
