#pragma once

#include <QString>

namespace tollgate {

// Scanner severities mapped to DISA categories by the ACAS convention: Critical and High are CAT I,
// Medium CAT II, Low and below (negligible, info, unknown) CAT III. The original is always kept.
class Severity
{
public:
    static int catFor(const QString& original);
    static QString label(int cat); // "CAT I", "CAT II", "CAT III"
    // Accepts "1", "I", "CAT I", "cat-ii", ...; 0 when it is none of them.
    static int parseCat(const QString& text);
};

} // namespace tollgate
