#include "reports/signing/FipsStatus.h"

#include <openssl/evp.h>
#include <openssl/provider.h>

namespace tollgate {

FipsStatus::State FipsStatus::state()
{
    if (EVP_default_properties_is_fips_enabled(nullptr))
        return State::On;
    return OSSL_PROVIDER_available(nullptr, "fips") ? State::Off : State::NotAvailable;
}

QString FipsStatus::describe()
{
    switch (state()) {
    case State::On:
        return QStringLiteral("on");
    case State::Off:
        return QStringLiteral("off (FIPS provider installed but not enabled)");
    case State::NotAvailable:
        break;
    }
    return QStringLiteral("not available (no FIPS provider in this OpenSSL)");
}

} // namespace tollgate
