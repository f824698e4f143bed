// Boot: settings, the session, the API client and the progress queue, then the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { createServices, prefetchHome } from "./app/boot.ts";
import { ServicesProvider } from "./app/services.tsx";
import { loadConfig } from "./config.ts";
import "./styles.css";

const services = createServices(loadConfig(), window.localStorage);
prefetchHome(services, location.pathname);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);
