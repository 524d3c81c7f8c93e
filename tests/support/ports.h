// ports.h: free loopback ports for the controllers tests start (the suite's
// and the fuzz targets' alike).
#pragma once

namespace testing {

// The first of `count` consecutive TCP ports free on 127.0.0.1, picked at
// random in 20000-40000 so parallel tests rarely collide. Throws if 200
// tries find none.
int free_ports(int count);

}  // namespace testing
