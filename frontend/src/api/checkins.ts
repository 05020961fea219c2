// Shift check-in and milestone rewards (issue 16): the shift board, check-in by hand, rewards.
import { get, post } from './http'
import type { CheckInAnswer, CheckInInput, Reward, RewardChange, ShiftBoard } from './types'

export const checkinsApi = {
  /** The current and next shifts: who has checked in, who is missing. */
  board: () => get<ShiftBoard>('/api/shift-board/'),
  /** Staff: check a runner in (or out) by hand. */
  checkIn: (shift: number, runner: number, checkedIn = true) =>
    post<CheckInAnswer>(`/api/shifts/${shift}/check-in/`, {
      runner,
      checked_in: checkedIn,
    } satisfies CheckInInput),
  /** Everyone with a reward due (not handed out yet). */
  dueRewards: () => get<Reward[]>('/api/rewards/?due=1'),
  /** Every reward, handed out ones too. */
  rewards: () => get<Reward[]>('/api/rewards/'),
  /** Staff: the reward was handed out (again: the same answer). */
  handOut: (reward: number) => post<RewardChange>(`/api/rewards/${reward}/hand-out/`, {}),
}
