#include "http/held_answers.hpp"

#include <algorithm>

#include "util/log.hpp"

namespace dse::http {

HeldAnswers::Handle HeldAnswers::hold(std::shared_ptr<const std::string> text, std::function<void()> drop,
                                      Clock::time_point now) {
  const auto bytes = text->size();
  if (!m_holders.contains(text.get())) {
    const auto budget = std::max(min_budget, 4 * bytes);
    while (m_held_bytes + bytes > budget) {
      auto slowest = m_slots.end();
      for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if (it->text && now - it->last_progress >= stalled_after &&
            (slowest == m_slots.end() || it->last_progress < slowest->last_progress)) {
          slowest = it;
        }
      }
      if (slowest == m_slots.end()) break;  // every holder is reading: this answer is held too
      log::debug("dropped a client that does not read its answer",
                 {{"held_bytes", m_held_bytes}, {"its_bytes", slowest->text->size()}});
      let_go(*slowest);  // freed as its write fails, on the loop's next turn
      ++m_dropped;
      slowest->drop();
    }
  }
  if (m_holders[text.get()]++ == 0) m_held_bytes += bytes;
  return m_slots.insert(m_slots.end(), Slot{std::move(text), now, std::move(drop)});
}

void HeldAnswers::let_go(Slot& slot) {
  if (!slot.text) return;
  const auto found = m_holders.find(slot.text.get());
  if (--found->second == 0) {
    m_held_bytes -= slot.text->size();
    m_holders.erase(found);
  }
  slot.text.reset();
}

void HeldAnswers::release(Handle slot) {
  let_go(*slot);
  m_slots.erase(slot);
}

}  // namespace dse::http
