#include "store/Savepoint.h"

#include "store/Workspace.h"

namespace tollgate {

Savepoint::Savepoint(Workspace& ws) : m_ws(ws)
{
    if (auto s = ws.exec("SAVEPOINT tollgate_unit"); !s) {
        m_error = s.error();
        return;
    }
    m_active = true;
}

Savepoint::~Savepoint()
{
    if (m_active)
        (void)rollback();
}

Status Savepoint::release()
{
    if (!m_active)
        return m_error;
    m_active = false;
    return m_ws.exec("RELEASE tollgate_unit");
}

Status Savepoint::rollback()
{
    if (!m_active)
        return m_error;
    m_active = false;
    return m_ws.exec("ROLLBACK TO tollgate_unit; RELEASE tollgate_unit");
}

} // namespace tollgate
