import GRDB

/// An announcement as a reader sees it.
public struct Announcement: Sendable, Equatable {
    public let id: String
    public let title: String
    public let body: String
    public let pinned: Bool
    public let publisherName: String
    public let orgName: String
    public let publishedAt: String
    public let read: Bool
}

public enum AnnouncementQuery {
    /// The announcements published to the reader's org or any org above it: pinned first, then newest first.
    public static func visible(_ db: Database, to reader: StaffProfile, limit: Int = 200) throws -> [Announcement] {
        try Row.fetchAll(db, sql: """
            SELECT a.id, a.title, a.body, a.pinned, COALESCE(s.name, a.published_by), o.name, a.published_at,
                   r.staff_id IS NOT NULL
            FROM work_announcement a
            JOIN base_org o ON o.org_id = a.org_id
            LEFT JOIN base_staff s ON s.staff_id = a.published_by
            LEFT JOIN work_announcement_read r ON r.announcement_id = a.id AND r.staff_id = ?
            WHERE a.org_id IN (\(DataScope.ancestorsSQL))
            ORDER BY a.pinned DESC, a.published_at DESC, a.id
            LIMIT ?
            """, arguments: [reader.staffID, reader.orgID, limit]).map { row in
            Announcement(id: row[0], title: row[1], body: row[2], pinned: row[3], publisherName: row[4], orgName: row[5],
                         publishedAt: row[6], read: row[7])
        }
    }
}
