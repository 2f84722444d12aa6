import Testing
@testable import TidingsSync

struct MD5Tests {
    @Test func rfc1321Vectors() {
        #expect(MD5.hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0")
        #expect(MD5.hex(String(repeating: "1234567890", count: 8))
                == "57edf4a22be3c955ac49da2e2107b67a")
        // The Fever api_key of Coldsweat's own tests' form: md5("user:password").
        #expect(MD5.hex("reader@example.org:correct horse battery") == "39e0e363c192f9253c0479c938f681c8")
    }
}

/// The variations the Fever API's servers are documented to send (Fever's own API page, FreshRSS,
/// Miniflux and Tiny Tiny RSS's fever plugin): ids as numbers or strings, flags as 0/1 or
/// booleans or strings, id lists as comma-separated strings or arrays.
struct FeverVariationTests {
    @Test func itemsWithNumericOrStringIDs() throws {
        let numeric = #"{"api_version":3,"auth":1,"items":[{"id":7,"feed_id":2,"title":"A","html":"<p>x</p>","url":"https://a.example/1","is_read":0,"is_saved":1,"created_on_time":1735545609}]}"#
        let strings = #"{"api_version":"3","auth":"1","items":[{"id":"7","feed_id":"2","title":"A","html":"<p>x</p>","url":"https://a.example/1","is_read":"0","is_saved":"1","created_on_time":"1735545609"}]}"#
        let booleans = #"{"api_version":3,"auth":true,"items":[{"id":7,"feed_id":2,"title":"A","html":"<p>x</p>","url":"https://a.example/1","is_read":false,"is_saved":true,"created_on_time":1735545609}]}"#
        for text in [numeric, strings, booleans] {
            let object = try #require(FeverValue.parse(Array(text.utf8))?.object)
            #expect(object["auth"]?.bool == true)
            let items = FeverService.items(object)
            #expect(items == [RemoteItem(id: "7", feedID: "2", title: "A", author: nil, html: "<p>x</p>", url: "https://a.example/1",
                                         isRead: false, isSaved: true, created: 1735545609)])
        }
    }

    @Test func idListsAsStringsOrArrays() throws {
        for text in [#"{"unread_item_ids":"1,2,30"}"#, #"{"unread_item_ids":[1,2,30]}"#, #"{"unread_item_ids":["1","2","30"]}"#,
                     #"{"unread_item_ids":" 1, 2 ,30"}"#] {
            let object = try #require(FeverValue.parse(Array(text.utf8))?.object)
            #expect(object["unread_item_ids"]?.idList == ["1", "2", "30"])
        }
        let empty = try #require(FeverValue.parse(Array(#"{"saved_item_ids":""}"#.utf8))?.object)
        #expect(empty["saved_item_ids"]?.idList == [])
    }

    @Test func notJSONIsNotParsed() {
        #expect(FeverValue.parse(Array("<html><body>Log in</body></html>".utf8)) == nil)
        #expect(FeverValue.parse([0xff, 0x00, 0x12]) == nil)
    }

    @Test func formEncoding() {
        #expect(formEncode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
    }
}
