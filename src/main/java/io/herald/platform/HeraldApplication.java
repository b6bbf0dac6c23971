package io.herald.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Herald's REST API lives under /herald/api. */
@ApplicationPath("/api")
public class HeraldApplication extends Application {
}
