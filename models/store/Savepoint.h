#pragma once

#include "base/Result.h"

namespace tollgate {

class Workspace;

// A nested unit inside a Transaction (SQL SAVEPOINT): release keeps its writes, rollback undoes only
// them. Rolled back when neither was called, so an early return leaves nothing of it behind.
class Savepoint
{
public:
    explicit Savepoint(Workspace& ws);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;

    bool active() const { return m_active; }
    const Error& beginError() const { return m_error; }
    [[nodiscard]] Status release();
    [[nodiscard]] Status rollback();

private:
    Workspace& m_ws;
    bool m_active = false;
    Error m_error;
};

} // namespace tollgate
