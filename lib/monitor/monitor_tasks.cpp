// The monitor's background tasks: how they are spawned and what happens when one fails, the liveness
// probe, the /info asked as a session starts, and slots given up by slow inspects. The flow that scans and follows
// events is in monitor.cpp.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <new>

#include "monitor/monitor.hpp"
#include "util/log.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

// The events stream can stay open while the engine no longer answers: a graceful dockerd stop keeps it
// open ~11 s while it stops containers, a hung engine forever. A /_ping this often, with its own deadline,
// lets docker_up fall within liveness_interval + liveness_timeout (at most 8 s) of the engine going quiet.
constexpr auto liveness_interval = std::chrono::seconds(3);
constexpr auto liveness_timeout = std::chrono::milliseconds(5'000);

std::string describe(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::bad_alloc&) {
    return "out of memory (std::bad_alloc)";
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace

void Monitor::spawn(const ClientPtr& client, const char* task, asio::awaitable<void> work) {
  asio::co_spawn(client->executor(), std::move(work), [this, task](std::exception_ptr failure) {
    if (failure) task_failed(task, failure);
  });
}

void Monitor::task_failed(const char* task, std::exception_ptr failure) {
  m_state.count_internal_error(task);
  log::error("internal error in a monitor task", {{"task", task}, {"err", describe(failure)}});
  // Whatever that task was doing (a scan, an inspect that holds a slot) will not finish: start over.
  fail_scan("internal error");
}

asio::awaitable<void> Monitor::probe_liveness(ClientPtr client, std::uint64_t session) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto timeout = std::min<std::chrono::milliseconds>(liveness_timeout, m_options.docker.timeout);
  while (true) {
    timer.expires_after(liveness_interval);
    co_await timer.async_wait(asio::use_awaitable);
    if (session != m_session) co_return;
    const auto ping = co_await client->get("/_ping", timeout);
    if (session != m_session) co_return;
    if (!ping || ping->status != 200) {
      m_state.count_request_error("ping");
      log::warn("Docker stopped answering /_ping; reconnecting",
                {{"err", ping ? "HTTP " + std::to_string(ping->status) : ping.error()}});
      m_state.events_connected = false;  // docker_up falls now, not when the stream ends
      if (m_events != nullptr) m_events->close();
      co_return;
    }
  }
}

// No I/O object of its own: the monitor holds it and outlives the io_context (a timer destroyed after its
// io_context is a use after free). The timer is the waiter's, in its coroutine frame.
struct Monitor::EarlyInfo {
  std::optional<Expected<docker::Response>> answer;
  asio::steady_timer* waiting = nullptr;  // cancelled when the answer is in
};

void Monitor::ask_info_early(const ClientPtr& client) {
  m_early_info = std::make_shared<EarlyInfo>();
  const auto early_path =
      "/v" + (m_options.docker.api_version.empty() ? "1.41" : m_options.docker.api_version) + "/info";
  spawn(client, "daemon_info",
        [](ClientPtr c, std::string path, std::shared_ptr<EarlyInfo> early) -> asio::awaitable<void> {
          early->answer = co_await c->get(std::move(path));
          if (early->waiting != nullptr) early->waiting->cancel();
        }(client, early_path, m_early_info));
}

asio::awaitable<Expected<docker::Response>> Monitor::daemon_info_answer(ClientPtr client, bool early) {
  if (auto asked = early ? std::exchange(m_early_info, nullptr) : nullptr) {
    asio::steady_timer ready(client->executor(), asio::steady_timer::time_point::max());
    struct Waiting {
      EarlyInfo& info;
      ~Waiting() { info.waiting = nullptr; }  // on every way out of this frame
    } waiting{*asked};
    asked->waiting = &ready;
    while (!asked->answer) {
      boost::system::error_code cancelled;
      co_await ready.async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
    }
    if (*asked->answer && (*asked->answer)->status == 200) co_return std::move(*asked->answer);
  }
  co_return co_await client->get("/info");
}

void Monitor::give_up_slot_if_slow(const ClientPtr& client, const std::string& id, std::uint64_t session) {
  if (session != m_session || !m_queue.in_flight(id)) return;
  log::debug("inspect is slow; its slot goes to the next container", {{"container", docker::short_id(id)}});
  m_queue.release_slot(id);
  pump(client);
}

}  // namespace dse::monitor
