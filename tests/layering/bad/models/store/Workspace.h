#pragma once

// The store header the bad base header reaches for.
